CREATE TABLE "games" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(50) NOT NULL,
	CONSTRAINT "games_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "run_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL,
	"undone" boolean DEFAULT false NOT NULL,
	"user_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_pulls" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"segment_id" integer NOT NULL,
	"progress" double precision,
	"note" varchar(200),
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_timers" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"segment_name" varchar(50) NOT NULL,
	"elapsed_time" double precision,
	"started_at" timestamp with time zone,
	"is_finished" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(50) NOT NULL,
	"game_id" integer NOT NULL,
	"mode" text NOT NULL,
	"user_id" uuid NOT NULL,
	"is_finished" boolean DEFAULT false NOT NULL,
	"youtube_link" text,
	"control_token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "runs_control_token_hash_unique" UNIQUE("control_token_hash")
);
--> statement-breakpoint
CREATE TABLE "wipe_counters" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"segment_name" varchar(50) NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"is_finished" boolean DEFAULT false NOT NULL
);
--> statement-breakpoint
ALTER TABLE "run_events" ADD CONSTRAINT "run_events_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_pulls" ADD CONSTRAINT "run_pulls_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_pulls" ADD CONSTRAINT "run_pulls_segment_id_wipe_counters_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."wipe_counters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_timers" ADD CONSTRAINT "run_timers_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_game_id_games_id_fk" FOREIGN KEY ("game_id") REFERENCES "public"."games"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wipe_counters" ADD CONSTRAINT "wipe_counters_run_id_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "run_events_run_idx" ON "run_events" USING btree ("run_id","id");--> statement-breakpoint
CREATE INDEX "run_pulls_segment_idx" ON "run_pulls" USING btree ("segment_id");--> statement-breakpoint
CREATE INDEX "run_timers_run_idx" ON "run_timers" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "runs_user_idx" ON "runs" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "wipe_counters_run_idx" ON "wipe_counters" USING btree ("run_id");