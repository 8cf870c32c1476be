CREATE TABLE "action_notes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"noted_on" date NOT NULL,
	"body" text NOT NULL,
	"author_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_notes_body_check" CHECK (length(btrim("action_notes"."body")) between 1 and 4000)
);
--> statement-breakpoint
CREATE TABLE "actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"area_number" smallint NOT NULL,
	"finding_id" uuid,
	"improvement_text" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"owner" text NOT NULL,
	"starts_on" date,
	"due_on" date,
	"status" text DEFAULT 'planned' NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "actions_status_check" CHECK (status in ('planned', 'ongoing', 'done', 'dropped')),
	CONSTRAINT "actions_title_check" CHECK (length(btrim("actions"."title")) between 1 and 300),
	CONSTRAINT "actions_owner_check" CHECK (length(btrim("actions"."owner")) between 1 and 200),
	CONSTRAINT "actions_area_check" CHECK ("actions"."area_number" between 1 and 99),
	CONSTRAINT "actions_dates_check" CHECK ("actions"."due_on" is null or "actions"."starts_on" is null or "actions"."due_on" >= "actions"."starts_on"),
	CONSTRAINT "actions_version_check" CHECK ("actions"."version" >= 1)
);
--> statement-breakpoint
CREATE TABLE "evaluation_comments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"author_user_id" uuid,
	"area_number" smallint,
	"question_id" text,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluation_comments_body_check" CHECK (length(btrim("evaluation_comments"."body")) between 1 and 4000),
	CONSTRAINT "evaluation_comments_area_check" CHECK ("evaluation_comments"."area_number" is null or "evaluation_comments"."area_number" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "gap_mappings" (
	"self_assessment_edition_id" text NOT NULL,
	"edition_id" text NOT NULL,
	"mapping" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gap_mappings_pk" PRIMARY KEY("self_assessment_edition_id","edition_id")
);
--> statement-breakpoint
CREATE TABLE "key_figures" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"area_number" smallint,
	"series_name" text NOT NULL,
	"unit" text,
	"year" smallint NOT NULL,
	"target" numeric,
	"result" numeric,
	"position" integer NOT NULL,
	CONSTRAINT "key_figures_name_check" CHECK (length(btrim("key_figures"."series_name")) between 1 and 200),
	CONSTRAINT "key_figures_year_check" CHECK ("key_figures"."year" between 1990 and 2100)
);
--> statement-breakpoint
CREATE TABLE "municipality_values" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"meaning" text DEFAULT '' NOT NULL,
	"office" text,
	"office_meaning" text,
	"document_url" text,
	"adopted_year" smallint,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "municipality_values_name_check" CHECK (length(btrim("municipality_values"."name")) between 1 and 200),
	CONSTRAINT "municipality_values_url_check" CHECK ("municipality_values"."document_url" is null or "municipality_values"."document_url" ~ '^https?://')
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "report_options" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "personal_data_erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "interviews" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "sources" ADD COLUMN "updated_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "action_notes" ADD CONSTRAINT "action_notes_action_id_actions_id_fk" FOREIGN KEY ("action_id") REFERENCES "public"."actions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "action_notes" ADD CONSTRAINT "action_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_finding_id_findings_id_fk" FOREIGN KEY ("finding_id") REFERENCES "public"."findings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "actions" ADD CONSTRAINT "actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluation_comments" ADD CONSTRAINT "evaluation_comments_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_mappings" ADD CONSTRAINT "gap_mappings_self_assessment_edition_id_editions_id_fk" FOREIGN KEY ("self_assessment_edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_mappings" ADD CONSTRAINT "gap_mappings_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gap_mappings" ADD CONSTRAINT "gap_mappings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "key_figures" ADD CONSTRAINT "key_figures_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "municipality_values" ADD CONSTRAINT "municipality_values_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settings" ADD CONSTRAINT "settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "action_notes_action_idx" ON "action_notes" USING btree ("action_id","noted_on");--> statement-breakpoint
CREATE INDEX "actions_evaluation_idx" ON "actions" USING btree ("evaluation_id","area_number");--> statement-breakpoint
CREATE INDEX "actions_municipality_idx" ON "actions" USING btree ("municipality_code","due_on");--> statement-breakpoint
CREATE INDEX "evaluation_comments_evaluation_idx" ON "evaluation_comments" USING btree ("evaluation_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "key_figures_series_year_uq" ON "key_figures" USING btree ("evaluation_id","series_name","year");--> statement-breakpoint
CREATE UNIQUE INDEX "municipality_values_position_uq" ON "municipality_values" USING btree ("municipality_code","position");