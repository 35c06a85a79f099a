CREATE TABLE "poll_ballots" (
	"question_id" text NOT NULL,
	"round" integer NOT NULL,
	"voter" text NOT NULL,
	"choices" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_ballots_question_id_round_voter_pk" PRIMARY KEY("question_id","round","voter")
);
--> statement-breakpoint
CREATE TABLE "poll_questions" (
	"id" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"position" bigserial NOT NULL,
	"question" text NOT NULL,
	"answers" jsonb NOT NULL,
	"kind" text DEFAULT 'single' NOT NULL,
	"max_choices" integer DEFAULT 1 NOT NULL,
	"visibility" text DEFAULT 'live' NOT NULL,
	"revealed" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closes_at" timestamp with time zone,
	"round" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_results" (
	"question_id" text NOT NULL,
	"round" integer NOT NULL,
	"votes" jsonb NOT NULL,
	"ballots" integer NOT NULL,
	"archived_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "poll_results_question_id_round_pk" PRIMARY KEY("question_id","round")
);
--> statement-breakpoint
CREATE TABLE "poll_sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"owner_id" uuid,
	"run_id" text,
	"published_question_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "poll_tokens" (
	"token" text PRIMARY KEY NOT NULL,
	"session_id" text NOT NULL,
	"role" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "poll_ballots" ADD CONSTRAINT "poll_ballots_question_id_poll_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."poll_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_questions" ADD CONSTRAINT "poll_questions_session_id_poll_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."poll_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_results" ADD CONSTRAINT "poll_results_question_id_poll_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."poll_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_sessions" ADD CONSTRAINT "poll_sessions_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "poll_tokens" ADD CONSTRAINT "poll_tokens_session_id_poll_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."poll_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "poll_questions_session_idx" ON "poll_questions" USING btree ("session_id","position");--> statement-breakpoint
CREATE INDEX "poll_questions_deadline_idx" ON "poll_questions" USING btree ("closes_at") WHERE status = 'open' and closes_at is not null;--> statement-breakpoint
CREATE INDEX "poll_sessions_owner_idx" ON "poll_sessions" USING btree ("owner_id","created_at");--> statement-breakpoint
CREATE INDEX "poll_sessions_run_idx" ON "poll_sessions" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "poll_tokens_session_idx" ON "poll_tokens" USING btree ("session_id");