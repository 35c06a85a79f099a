CREATE TABLE "click_days" (
	"day" text PRIMARY KEY NOT NULL,
	"click_count" bigint DEFAULT 0 NOT NULL,
	"event_count" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "click_event_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_name" text NOT NULL,
	"name" text NOT NULL,
	"ts" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "click_hours" (
	"hour_start" bigint PRIMARY KEY NOT NULL,
	"click_count" bigint DEFAULT 0 NOT NULL,
	"event_count" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "click_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"user_name" text NOT NULL,
	"comment" text,
	"style" text,
	"ts" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "click_users" (
	"name" text PRIMARY KEY NOT NULL,
	"click_count" bigint DEFAULT 0 NOT NULL,
	"event_count" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "click_event_log_ts_idx" ON "click_event_log" USING btree ("ts");--> statement-breakpoint
CREATE INDEX "click_log_ts_idx" ON "click_log" USING btree ("ts");