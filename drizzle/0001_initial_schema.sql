CREATE TABLE "area_scores" (
	"evaluation_id" uuid NOT NULL,
	"area_number" smallint NOT NULL,
	"score" numeric NOT NULL,
	"printed" numeric,
	CONSTRAINT "area_scores_pk" PRIMARY KEY("evaluation_id","area_number"),
	CONSTRAINT "area_scores_area_check" CHECK ("area_scores"."area_number" between 1 and 99),
	CONSTRAINT "area_scores_score_check" CHECK ("area_scores"."score" between 0 and 100),
	CONSTRAINT "area_scores_printed_check" CHECK ("area_scores"."printed" is null or "area_scores"."printed" between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "area_texts" (
	"evaluation_id" uuid NOT NULL,
	"area_number" smallint NOT NULL,
	"position" integer NOT NULL,
	"heading" text,
	"body" text NOT NULL,
	CONSTRAINT "area_texts_pk" PRIMARY KEY("evaluation_id","position"),
	CONSTRAINT "area_texts_area_check" CHECK ("area_texts"."area_number" between 1 and 99)
);
--> statement-breakpoint
CREATE TABLE "editions" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"year_from" smallint NOT NULL,
	"year_to" smallint,
	"definition" jsonb NOT NULL,
	"built_in" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "editions_kind_check" CHECK (kind in ('kommunkompassen', 'self-assessment')),
	CONSTRAINT "editions_id_check" CHECK ("editions"."id" ~ '^[a-z0-9][a-z0-9-]*$'),
	CONSTRAINT "editions_years_check" CHECK ("editions"."year_to" is null or "editions"."year_to" >= "editions"."year_from"),
	CONSTRAINT "editions_definition_id_check" CHECK ("editions"."definition"->>'id' = "editions"."id")
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"municipality_code" char(4) NOT NULL,
	"year" smallint NOT NULL,
	"month" smallint,
	"edition_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"source" text NOT NULL,
	"source_hash" text,
	"total_printed" numeric,
	"facts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"revision" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"current" boolean DEFAULT true NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_kind_check" CHECK (kind in ('full', 'area-level', 'self-assessment')),
	CONSTRAINT "evaluations_status_check" CHECK (status in ('draft', 'review', 'published')),
	CONSTRAINT "evaluations_year_check" CHECK ("evaluations"."year" between 1990 and 2100),
	CONSTRAINT "evaluations_month_check" CHECK ("evaluations"."month" is null or "evaluations"."month" between 1 and 12),
	CONSTRAINT "evaluations_total_check" CHECK ("evaluations"."total_printed" is null or "evaluations"."total_printed" >= 0),
	CONSTRAINT "evaluations_version_check" CHECK ("evaluations"."version" >= 1 and "evaluations"."revision" >= 1),
	CONSTRAINT "evaluations_published_check" CHECK ("evaluations"."status" <> 'published' or "evaluations"."published_at" is not null),
	CONSTRAINT "evaluations_revision_chain_check" CHECK (("evaluations"."revision" = 1) = ("evaluations"."supersedes_id" is null))
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"area_number" smallint NOT NULL,
	"kind" text NOT NULL,
	"heading" text,
	"text" text NOT NULL,
	"reference_municipality_code" char(4),
	"position" integer NOT NULL,
	CONSTRAINT "findings_kind_check" CHECK (kind in ('strength', 'improvement', 'good-example')),
	CONSTRAINT "findings_area_check" CHECK ("findings"."area_number" between 1 and 99),
	CONSTRAINT "findings_text_check" CHECK (length(btrim("findings"."text")) > 0)
);
--> statement-breakpoint
CREATE TABLE "municipalities" (
	"code" char(4) PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"lan_code" char(2) NOT NULL,
	"lan_name" text NOT NULL,
	CONSTRAINT "municipalities_code_check" CHECK ("municipalities"."code" ~ '^[0-9]{4}$'),
	CONSTRAINT "municipalities_lan_check" CHECK (left("municipalities"."code", 2) = "municipalities"."lan_code")
);
--> statement-breakpoint
CREATE TABLE "question_scores" (
	"evaluation_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"points" numeric,
	"achieved_printed" numeric,
	"max_printed" numeric,
	"percent_printed" numeric,
	"justification" text,
	"answer" text,
	"flags" text[] DEFAULT '{}'::text[] NOT NULL,
	CONSTRAINT "question_scores_pk" PRIMARY KEY("evaluation_id","question_id"),
	CONSTRAINT "question_scores_id_check" CHECK ("question_scores"."question_id" ~ '^[0-9]+(\.[0-9]+)*$'),
	CONSTRAINT "question_scores_points_check" CHECK ("question_scores"."points" is null or "question_scores"."points" >= 0),
	CONSTRAINT "question_scores_printed_check" CHECK (("question_scores"."achieved_printed" is null or "question_scores"."achieved_printed" >= 0)
        and ("question_scores"."max_printed" is null or "question_scores"."max_printed" > 0)
        and ("question_scores"."percent_printed" is null or "question_scores"."percent_printed" between 0 and 100))
);
--> statement-breakpoint
CREATE TABLE "reference_series" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"label" text NOT NULL,
	"basis" text,
	"edition_id" text,
	"year_from" smallint,
	"year_to" smallint,
	"total" numeric,
	"source" text NOT NULL,
	"source_evaluation_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reference_series_label_check" CHECK (length(btrim("reference_series"."label")) > 0),
	CONSTRAINT "reference_series_years_check" CHECK ("reference_series"."year_to" is null or "reference_series"."year_from" is null or "reference_series"."year_to" >= "reference_series"."year_from"),
	CONSTRAINT "reference_series_total_check" CHECK ("reference_series"."total" is null or "reference_series"."total" >= 0)
);
--> statement-breakpoint
CREATE TABLE "reference_series_areas" (
	"series_id" uuid NOT NULL,
	"area_number" smallint NOT NULL,
	"score" numeric NOT NULL,
	CONSTRAINT "reference_series_areas_pk" PRIMARY KEY("series_id","area_number"),
	CONSTRAINT "reference_series_areas_area_check" CHECK ("reference_series_areas"."area_number" between 1 and 99),
	CONSTRAINT "reference_series_areas_score_check" CHECK ("reference_series_areas"."score" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "area_scores" ADD CONSTRAINT "area_scores_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "area_texts" ADD CONSTRAINT "area_texts_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_municipality_code_municipalities_code_fk" FOREIGN KEY ("municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_supersedes_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."evaluations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_reference_municipality_code_municipalities_code_fk" FOREIGN KEY ("reference_municipality_code") REFERENCES "public"."municipalities"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_scores" ADD CONSTRAINT "question_scores_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_series" ADD CONSTRAINT "reference_series_edition_id_editions_id_fk" FOREIGN KEY ("edition_id") REFERENCES "public"."editions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_series" ADD CONSTRAINT "reference_series_source_evaluation_id_evaluations_id_fk" FOREIGN KEY ("source_evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reference_series_areas" ADD CONSTRAINT "reference_series_areas_series_id_reference_series_id_fk" FOREIGN KEY ("series_id") REFERENCES "public"."reference_series"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_current_uq" ON "evaluations" USING btree ("municipality_code","year","edition_id","kind") WHERE "evaluations"."current";--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_revision_uq" ON "evaluations" USING btree ("municipality_code","year","edition_id","kind","revision");--> statement-breakpoint
CREATE UNIQUE INDEX "evaluations_supersedes_uq" ON "evaluations" USING btree ("supersedes_id");--> statement-breakpoint
CREATE INDEX "evaluations_source_hash_idx" ON "evaluations" USING btree ("source_hash");--> statement-breakpoint
CREATE INDEX "evaluations_edition_idx" ON "evaluations" USING btree ("edition_id","year");--> statement-breakpoint
CREATE UNIQUE INDEX "findings_position_uq" ON "findings" USING btree ("evaluation_id","position");--> statement-breakpoint
CREATE INDEX "municipalities_lan_code_idx" ON "municipalities" USING btree ("lan_code");--> statement-breakpoint
CREATE INDEX "reference_series_edition_idx" ON "reference_series" USING btree ("edition_id");--> statement-breakpoint
CREATE INDEX "reference_series_source_evaluation_idx" ON "reference_series" USING btree ("source_evaluation_id");