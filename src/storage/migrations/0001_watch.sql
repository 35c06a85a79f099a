CREATE TABLE "watch_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"room_id" uuid NOT NULL,
	"member_id" text NOT NULL,
	"has_account" boolean DEFAULT true NOT NULL,
	"name" text NOT NULL,
	"status" text DEFAULT 'APPROVED' NOT NULL,
	"is_muted" boolean DEFAULT false NOT NULL,
	"is_banned" boolean DEFAULT false NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_progress" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"room_id" uuid NOT NULL,
	"media_id" text NOT NULL,
	"media_type" text NOT NULL,
	"season" integer,
	"episode" integer,
	"timestamp" double precision DEFAULT 0 NOT NULL,
	"duration" double precision DEFAULT 0 NOT NULL,
	"progress_percent" double precision DEFAULT 0 NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_rooms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"host_id" text NOT NULL,
	"is_private" boolean DEFAULT false NOT NULL,
	"entry_mode" text,
	"password_hash" text,
	"state" text DEFAULT 'CREATED' NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"is_chat_enabled" boolean DEFAULT true NOT NULL,
	"allow_succession" boolean DEFAULT false NOT NULL,
	"video_provider" text DEFAULT '' NOT NULL,
	"video_id" text DEFAULT '' NOT NULL,
	"media_url" text DEFAULT '' NOT NULL,
	"media_title" text DEFAULT '' NOT NULL,
	"position" double precision DEFAULT 0 NOT NULL,
	"anchor_ms" bigint DEFAULT 0 NOT NULL,
	"rate" double precision DEFAULT 1 NOT NULL,
	"is_playing" boolean DEFAULT false NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"host_disconnected_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_rooms_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "chat_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel" text NOT NULL,
	"user_id" text NOT NULL,
	"user_name" text NOT NULL,
	"message" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "watch_events" ADD CONSTRAINT "watch_events_room_id_watch_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."watch_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_participants" ADD CONSTRAINT "watch_participants_room_id_watch_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."watch_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_progress" ADD CONSTRAINT "watch_progress_room_id_watch_rooms_id_fk" FOREIGN KEY ("room_id") REFERENCES "public"."watch_rooms"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watch_events_room_idx" ON "watch_events" USING btree ("room_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "watch_participants_member_idx" ON "watch_participants" USING btree ("room_id","member_id");--> statement-breakpoint
CREATE INDEX "watch_progress_user_room_idx" ON "watch_progress" USING btree ("user_id","room_id");--> statement-breakpoint
CREATE INDEX "watch_rooms_state_idx" ON "watch_rooms" USING btree ("state","is_active");--> statement-breakpoint
CREATE INDEX "chat_messages_channel_idx" ON "chat_messages" USING btree ("channel","created_at");