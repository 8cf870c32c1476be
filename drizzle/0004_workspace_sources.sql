CREATE TABLE "interviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"held_on" date NOT NULL,
	"category" text NOT NULL,
	"name" text,
	"notes" text DEFAULT '' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "interviews_category_check" CHECK (category in ('politiker', 'tjansteman', 'facklig', 'ovrig'))
);
--> statement-breakpoint
CREATE TABLE "question_evidence" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"question_id" text NOT NULL,
	"source_id" uuid,
	"interview_id" uuid,
	CONSTRAINT "question_evidence_one_check" CHECK (num_nonnulls("question_evidence"."source_id", "question_evidence"."interview_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"evaluation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"document_type" text,
	"dated_on" date,
	"url" text,
	"notes" text,
	"file_name" text,
	"file_type" text,
	"file_size" integer,
	"file_data" "bytea",
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sources_kind_check" CHECK (kind in ('document', 'website')),
	CONSTRAINT "sources_document_type_check" CHECK (("sources"."kind" = 'document') = ("sources"."document_type" is not null) and ("sources"."document_type" is null or document_type in ('vardegrund', 'budget', 'arsredovisning', 'policy', 'annat'))),
	CONSTRAINT "sources_title_check" CHECK (length(btrim("sources"."title")) > 0),
	CONSTRAINT "sources_url_check" CHECK ("sources"."url" is null or "sources"."url" ~ '^https?://'),
	CONSTRAINT "sources_file_check" CHECK (("sources"."file_data" is null) = ("sources"."file_name" is null) and ("sources"."file_size" is null or "sources"."file_size" >= 0))
);
--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "shared_with_municipality" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "fieldwork_starts_on" date;--> statement-breakpoint
ALTER TABLE "evaluations" ADD COLUMN "fieldwork_ends_on" date;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interviews" ADD CONSTRAINT "interviews_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_evidence" ADD CONSTRAINT "question_evidence_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_evidence" ADD CONSTRAINT "question_evidence_source_id_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_evidence" ADD CONSTRAINT "question_evidence_interview_id_interviews_id_fk" FOREIGN KEY ("interview_id") REFERENCES "public"."interviews"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_evaluation_id_evaluations_id_fk" FOREIGN KEY ("evaluation_id") REFERENCES "public"."evaluations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sources" ADD CONSTRAINT "sources_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "interviews_evaluation_idx" ON "interviews" USING btree ("evaluation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "question_evidence_source_uq" ON "question_evidence" USING btree ("evaluation_id","question_id","source_id");--> statement-breakpoint
CREATE UNIQUE INDEX "question_evidence_interview_uq" ON "question_evidence" USING btree ("evaluation_id","question_id","interview_id");--> statement-breakpoint
CREATE INDEX "sources_evaluation_idx" ON "sources" USING btree ("evaluation_id");