/**
 * The database schema, one for PGlite and PostgreSQL. Migrations in `drizzle/` are generated
 * from this file with `npx drizzle-kit generate`; never edit a migration that has been committed.
 *
 * Conventions: snake_case names; closed value sets are `text` with a CHECK constraint (a new
 * value is a one-line migration, unlike a PostgreSQL enum); scores are `numeric` (exact decimals,
 * returned to JS as numbers by the repositories); every child row cascades with its parent.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  char,
  check,
  customType,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** Exact decimal read back as a JS number (74.5 stays 74.5). */
const decimal = (name: string) => numeric(name, { mode: 'number' });
const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

export const EDITION_KINDS = ['kommunkompassen', 'self-assessment'] as const;
export const EVALUATION_KINDS = ['full', 'area-level', 'self-assessment'] as const;
export const EVALUATION_STATUSES = ['draft', 'review', 'published'] as const;
export const FINDING_KINDS = ['strength', 'improvement', 'good-example'] as const;

/**
 * A full-text search vector. Only generated columns use it (see the search columns of findings
 * and area_texts); the repositories never read it into JS.
 */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The Swedish search vector of a heading (weight A) and a text (weight B): PostgreSQL's
 * `swedish` configuration (Snowball stemming, so "medborgardialogen" and "medborgardialog" meet).
 * Generated and stored, so a search ranks rows without re-parsing their text.
 */
const swedishSearchVector = (heading: string, body: string) =>
  sql.raw(
    `setweight(to_tsvector('swedish'::regconfig, coalesce(${heading}, '')), 'A') || ` +
      `setweight(to_tsvector('swedish'::regconfig, ${body}), 'B')`,
  );

const oneOf = (column: string, values: readonly string[]) =>
  sql.raw(`${column} in (${values.map((value) => `'${value}'`).join(', ')})`);

/** Framework editions: the built-in catalogue (synced on migrate) and admin-written ones. */
export const editions = pgTable(
  'editions',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: EDITION_KINDS }).notNull(),
    name: text('name').notNull(),
    yearFrom: smallint('year_from').notNull(),
    yearTo: smallint('year_to'),
    /** The whole validated edition, exactly as the catalogue defines it. */
    definition: jsonb('definition').notNull(),
    builtIn: boolean('built_in').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('editions_kind_check', oneOf('kind', EDITION_KINDS)),
    check('editions_id_check', sql`${table.id} ~ '^[a-z0-9][a-z0-9-]*$'`),
    check(
      'editions_years_check',
      sql`${table.yearTo} is null or ${table.yearTo} >= ${table.yearFrom}`,
    ),
    check('editions_definition_id_check', sql`${table.definition}->>'id' = ${table.id}`),
  ],
);

/** The 290 municipalities (SCB kommunkod), seeded on migrate from `reference/`. */
export const municipalities = pgTable(
  'municipalities',
  {
    code: char('code', { length: 4 }).primaryKey(),
    name: text('name').notNull(),
    lanCode: char('lan_code', { length: 2 }).notNull(),
    lanName: text('lan_name').notNull(),
  },
  (table) => [
    check('municipalities_code_check', sql`${table.code} ~ '^[0-9]{4}$'`),
    check('municipalities_lan_check', sql`left(${table.code}, 2) = ${table.lanCode}`),
    index('municipalities_lan_code_idx').on(table.lanCode),
  ],
);

/**
 * One evaluation of one municipality under one edition. Corrections never overwrite: a new
 * revision supersedes the old row (`supersedes_id`), which stays readable with `current = false`.
 * At most one current row per (municipality, year, edition, kind).
 */
export const evaluations = pgTable(
  'evaluations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipalities.code),
    year: smallint('year').notNull(),
    month: smallint('month'),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id),
    kind: text('kind', { enum: EVALUATION_KINDS }).notNull(),
    status: text('status', { enum: EVALUATION_STATUSES }).notNull().default('draft'),
    /** Where it came from: a file name, a URL or "manual". */
    source: text('source').notNull(),
    /** Hash of the imported source text, so importing the same file twice changes nothing. */
    sourceHash: text('source_hash'),
    /** The total as the source printed it (may differ from the sum of rounded areas). */
    totalPrinted: decimal('total_printed'),
    facts: jsonb('facts').notNull().default({}),
    /** Optimistic locking: every update checks and bumps it. */
    version: integer('version').notNull().default(1),
    revision: integer('revision').notNull().default(1),
    supersedesId: uuid('supersedes_id'),
    current: boolean('current').notNull().default(true),
    publishedAt: timestamp('published_at', { withTimezone: true }),
    /** An unpublished evaluation the team has opened to the evaluated municipality's users. */
    sharedWithMunicipality: boolean('shared_with_municipality').notNull().default(false),
    /** Fieldwork dates of an evaluation run in the workspace (ISO dates); null for imports. */
    fieldworkStartsOn: date('fieldwork_starts_on', { mode: 'string' }),
    fieldworkEndsOn: date('fieldwork_ends_on', { mode: 'string' }),
    /**
     * The evaluator's report choices (src/report/options.ts validates them): the national
     * average's basis and the municipalities drawn in the radar chart. `{}` means the defaults.
     */
    reportOptions: jsonb('report_options').notNull().default({}),
    /** When interview names and notes were erased (retention); scores and findings stay. */
    personalDataErasedAt: timestamp('personal_data_erased_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    foreignKey({
      name: 'evaluations_supersedes_id_fk',
      columns: [table.supersedesId],
      foreignColumns: [table.id],
    }),
    check('evaluations_kind_check', oneOf('kind', EVALUATION_KINDS)),
    check('evaluations_status_check', oneOf('status', EVALUATION_STATUSES)),
    check('evaluations_year_check', sql`${table.year} between 1990 and 2100`),
    check(
      'evaluations_month_check',
      sql`${table.month} is null or ${table.month} between 1 and 12`,
    ),
    check(
      'evaluations_total_check',
      sql`${table.totalPrinted} is null or ${table.totalPrinted} >= 0`,
    ),
    check('evaluations_version_check', sql`${table.version} >= 1 and ${table.revision} >= 1`),
    check(
      'evaluations_published_check',
      sql`${table.status} <> 'published' or ${table.publishedAt} is not null`,
    ),
    check(
      'evaluations_revision_chain_check',
      sql`(${table.revision} = 1) = (${table.supersedesId} is null)`,
    ),
    uniqueIndex('evaluations_current_uq')
      .on(table.municipalityCode, table.year, table.editionId, table.kind)
      .where(sql`${table.current}`),
    uniqueIndex('evaluations_revision_uq').on(
      table.municipalityCode,
      table.year,
      table.editionId,
      table.kind,
      table.revision,
    ),
    uniqueIndex('evaluations_supersedes_uq').on(table.supersedesId),
    index('evaluations_source_hash_idx').on(table.sourceHash),
    index('evaluations_edition_idx').on(table.editionId, table.year),
  ],
);

/** One area's score: `score` is exact (or as printed when nothing better is known). */
export const areaScores = pgTable(
  'area_scores',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    areaNumber: smallint('area_number').notNull(),
    score: decimal('score').notNull(),
    printed: decimal('printed'),
  },
  (table) => [
    primaryKey({ name: 'area_scores_pk', columns: [table.evaluationId, table.areaNumber] }),
    check('area_scores_area_check', sql`${table.areaNumber} between 1 and 99`),
    // Role models: the best scores on one area (a backward scan gives ORDER BY score DESC).
    index('area_scores_area_idx').on(table.areaNumber, table.score),
    check('area_scores_score_check', sql`${table.score} between 0 and 100`),
    check(
      'area_scores_printed_check',
      sql`${table.printed} is null or ${table.printed} between 0 and 100`,
    ),
  ],
);

/**
 * One question's result. `points` is the best estimate of the exact points; the `*_printed`
 * columns keep the figures as the source printed them. A self-assessment stores its answer on
 * the scale (null when the source ticked several options) and flags naming what was odd.
 */
export const questionScores = pgTable(
  'question_scores',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    points: decimal('points'),
    achievedPrinted: decimal('achieved_printed'),
    maxPrinted: decimal('max_printed'),
    percentPrinted: decimal('percent_printed'),
    justification: text('justification'),
    answer: text('answer'),
    flags: text('flags')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
  },
  (table) => [
    primaryKey({ name: 'question_scores_pk', columns: [table.evaluationId, table.questionId] }),
    check('question_scores_id_check', sql`${table.questionId} ~ '^[0-9]+(\\.[0-9]+)*$'`),
    // Role models: the best points on one question (scanned backward for ORDER BY points DESC).
    index('question_scores_question_idx').on(table.questionId, table.points),
    check('question_scores_points_check', sql`${table.points} is null or ${table.points} >= 0`),
    check(
      'question_scores_printed_check',
      sql`(${table.achievedPrinted} is null or ${table.achievedPrinted} >= 0)
        and (${table.maxPrinted} is null or ${table.maxPrinted} > 0)
        and (${table.percentPrinted} is null or ${table.percentPrinted} between 0 and 100)`,
    ),
  ],
);

/** Strengths, improvement areas and good examples, per area, in the order written. */
export const findings = pgTable(
  'findings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    areaNumber: smallint('area_number').notNull(),
    kind: text('kind', { enum: FINDING_KINDS }).notNull(),
    heading: text('heading'),
    text: text('text').notNull(),
    /** Another municipality worth learning from (a good example elsewhere). */
    referenceMunicipalityCode: char('reference_municipality_code', { length: 4 }).references(
      () => municipalities.code,
    ),
    position: integer('position').notNull(),
    /** Generated: the Swedish search vector of heading and text (src/db/repositories/search.ts). */
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(swedishSearchVector('heading', 'text')),
  },
  (table) => [
    check('findings_kind_check', oneOf('kind', FINDING_KINDS)),
    index('findings_search_idx').using('gin', table.searchVector),
    check('findings_area_check', sql`${table.areaNumber} between 1 and 99`),
    check('findings_text_check', sql`length(btrim(${table.text})) > 0`),
    uniqueIndex('findings_position_uq').on(table.evaluationId, table.position),
  ],
);

/** Free text per area and heading (the report's prose, a self-assessment's theme narrative). */
export const areaTexts = pgTable(
  'area_texts',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    areaNumber: smallint('area_number').notNull(),
    position: integer('position').notNull(),
    heading: text('heading'),
    body: text('body').notNull(),
    /** Generated: the Swedish search vector of heading and body (src/db/repositories/search.ts). */
    searchVector: tsvector('search_vector')
      .notNull()
      .generatedAlwaysAs(swedishSearchVector('heading', 'body')),
  },
  (table) => [
    primaryKey({ name: 'area_texts_pk', columns: [table.evaluationId, table.position] }),
    index('area_texts_search_idx').using('gin', table.searchVector),
    check('area_texts_area_check', sql`${table.areaNumber} between 1 and 99`),
  ],
);

/**
 * A published comparison series, e.g. the national average ("Medelvärde", basis "beräknat från
 * 2010 och framåt"), with its area scores. `source_evaluation_id` names the report it came from.
 */
export const referenceSeries = pgTable(
  'reference_series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    label: text('label').notNull(),
    basis: text('basis'),
    editionId: text('edition_id').references(() => editions.id),
    yearFrom: smallint('year_from'),
    yearTo: smallint('year_to'),
    total: decimal('total'),
    source: text('source').notNull(),
    sourceEvaluationId: uuid('source_evaluation_id').references(() => evaluations.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
  },
  (table) => [
    check('reference_series_label_check', sql`length(btrim(${table.label})) > 0`),
    check(
      'reference_series_years_check',
      sql`${table.yearTo} is null or ${table.yearFrom} is null or ${table.yearTo} >= ${table.yearFrom}`,
    ),
    check('reference_series_total_check', sql`${table.total} is null or ${table.total} >= 0`),
    index('reference_series_edition_idx').on(table.editionId),
    index('reference_series_source_evaluation_idx').on(table.sourceEvaluationId),
  ],
);

export const referenceSeriesAreas = pgTable(
  'reference_series_areas',
  {
    seriesId: uuid('series_id')
      .notNull()
      .references(() => referenceSeries.id, { onDelete: 'cascade' }),
    areaNumber: smallint('area_number').notNull(),
    score: decimal('score').notNull(),
  },
  (table) => [
    primaryKey({ name: 'reference_series_areas_pk', columns: [table.seriesId, table.areaNumber] }),
    check('reference_series_areas_area_check', sql`${table.areaNumber} between 1 and 99`),
    check('reference_series_areas_score_check', sql`${table.score} between 0 and 100`),
  ],
);

/* ------------------------------------------------------------------------------------------ */
/* Accounts, sessions, evaluation teams and the audit trail                                  */
/* ------------------------------------------------------------------------------------------ */

export const USER_ROLES = ['admin', 'evaluator', 'municipality'] as const;
export const TEAM_ROLES = ['lead', 'member'] as const;

const timestampTz = (name: string) => timestamp(name, { withTimezone: true });

/**
 * People who sign in. The public needs no account. A municipality user is bound to one kommun;
 * nobody else is. `password_hash` is an argon2id PHC string, null until a password is set.
 * `failed_sign_ins` counts consecutive failures; `locked_until` holds the back-off after too many.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role', { enum: USER_ROLES }).notNull(),
    municipalityCode: char('municipality_code', { length: 4 }).references(
      () => municipalities.code,
    ),
    disabled: boolean('disabled').notNull().default(false),
    mustChangePassword: boolean('must_change_password').notNull().default(true),
    failedSignIns: integer('failed_sign_ins').notNull().default(0),
    lockedUntil: timestampTz('locked_until'),
    createdAt: createdAt(),
    passwordChangedAt: timestampTz('password_changed_at'),
  },
  (table) => [
    uniqueIndex('users_email_uq').on(sql`lower(${table.email})`),
    check('users_role_check', oneOf('role', USER_ROLES)),
    check(
      'users_municipality_check',
      sql`(${table.role} = 'municipality') = (${table.municipalityCode} is not null)`,
    ),
    check('users_email_check', sql`${table.email} ~ '^[^@[:space:]]+@[^@[:space:]]+$'`),
    check('users_display_name_check', sql`length(btrim(${table.displayName})) > 0`),
    check('users_failed_sign_ins_check', sql`${table.failedSignIns} >= 0`),
  ],
);

/**
 * Signed-in sessions. The cookie carries a random token; only its SHA-256 (hex) is stored, so a
 * leaked table gives no usable cookie. A session ends at `expires_at` (absolute lifetime) or when
 * idle for longer than the configured timeout since `last_seen_at`. `csrf_token` is the
 * synchronizer token every form post of this session must echo.
 */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: createdAt(),
    lastSeenAt: timestampTz('last_seen_at').notNull().defaultNow(),
    expiresAt: timestampTz('expires_at').notNull(),
  },
  (table) => [
    check('sessions_id_check', sql`${table.id} ~ '^[0-9a-f]{64}$'`),
    check('sessions_csrf_check', sql`length(${table.csrfToken}) >= 32`),
    index('sessions_user_idx').on(table.userId),
    index('sessions_expires_idx').on(table.expiresAt),
  ],
);

/**
 * Sign-in throttling that is not tied to an existing account: per client address (`ip:…`) and
 * per unknown e-mail address (`email:…`, so a lockout message does not reveal whether an account
 * exists). Kept in the database so several server instances agree.
 */
export const signInThrottle = pgTable(
  'sign_in_throttle',
  {
    key: text('key').primaryKey(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestampTz('window_started_at').notNull(),
    lockedUntil: timestampTz('locked_until'),
  },
  (table) => [check('sign_in_throttle_failures_check', sql`${table.failures} >= 0`)],
);

/** Who works on an evaluation: evaluators (and admins) see and edit what they are assigned to. */
export const evaluationTeam = pgTable(
  'evaluation_team',
  {
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: TEAM_ROLES }).notNull().default('member'),
    createdAt: createdAt(),
  },
  (table) => [
    primaryKey({ name: 'evaluation_team_pk', columns: [table.evaluationId, table.userId] }),
    check('evaluation_team_role_check', oneOf('role', TEAM_ROLES)),
    index('evaluation_team_user_idx').on(table.userId),
  ],
);

/**
 * The audit trail: one row per change, written by the writer inside its own transaction (a
 * rolled-back change leaves no entry). `actor_user_id` is null for the system and the CLI.
 * Entries outlive what they describe, so `entity_id` and `evaluation_id` carry no foreign key.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: timestampTz('at').notNull().defaultNow(),
    actorUserId: uuid('actor_user_id').references(() => users.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id').notNull(),
    evaluationId: uuid('evaluation_id'),
    /** The changed field or path inside the entity, e.g. "points" or "areas.3.strengths.1". */
    field: text('field'),
    oldValue: jsonb('old_value'),
    newValue: jsonb('new_value'),
    reason: text('reason'),
  },
  (table) => [
    check(
      'audit_log_action_check',
      sql`${table.action} ~ '^[a-z][a-zA-Z0-9-]*(\\.[a-zA-Z0-9-]+)+$'`,
    ),
    check('audit_log_entity_check', sql`length(${table.entityType}) > 0`),
    index('audit_log_evaluation_idx').on(table.evaluationId, table.id),
    index('audit_log_entity_idx').on(table.entityType, table.entityId, table.id),
    index('audit_log_actor_idx').on(table.actorUserId),
  ],
);

/* ------------------------------------------------------------------------------------------ */
/* The evaluation workspace: sources, interviews and the evidence behind each score            */
/* ------------------------------------------------------------------------------------------ */

export const SOURCE_KINDS = ['document', 'website'] as const;
export const DOCUMENT_TYPES = [
  'vardegrund',
  'budget',
  'arsredovisning',
  'policy',
  'annat',
] as const;
export const INTERVIEW_CATEGORIES = ['politiker', 'tjansteman', 'facklig', 'ovrig'] as const;

/** Raw bytes (an uploaded file); PGlite returns a Uint8Array, `pg` a Buffer. */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => 'bytea',
});

/**
 * What an evaluation rests on: documents (title, type, date, a link or an uploaded file kept in
 * the database) and website review notes. Interviews are kept apart (personal data).
 */
export const sources = pgTable(
  'sources',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SOURCE_KINDS }).notNull(),
    title: text('title').notNull(),
    documentType: text('document_type', { enum: DOCUMENT_TYPES }),
    datedOn: date('dated_on', { mode: 'string' }),
    url: text('url'),
    notes: text('notes'),
    fileName: text('file_name'),
    fileType: text('file_type'),
    fileSize: integer('file_size'),
    fileData: bytea('file_data'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('sources_kind_check', oneOf('kind', SOURCE_KINDS)),
    check(
      'sources_document_type_check',
      sql`(${table.kind} = 'document') = (${table.documentType} is not null) and (${table.documentType} is null or ${oneOf('document_type', DOCUMENT_TYPES)})`,
    ),
    check('sources_title_check', sql`length(btrim(${table.title})) > 0`),
    check('sources_url_check', sql`${table.url} is null or ${table.url} ~ '^https?://'`),
    check(
      'sources_file_check',
      sql`(${table.fileData} is null) = (${table.fileName} is null) and (${table.fileSize} is null or ${table.fileSize} >= 0)`,
    ),
    index('sources_evaluation_idx').on(table.evaluationId),
  ],
);

/**
 * Interviews of an evaluation. Names and notes are personal data: only the evaluation's team and
 * admins read them (`can(viewer, 'interview.read', …)`); never on public pages or in exports.
 */
export const interviews = pgTable(
  'interviews',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    category: text('category', { enum: INTERVIEW_CATEGORIES }).notNull(),
    name: text('name'),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('interviews_category_check', oneOf('category', INTERVIEW_CATEGORIES)),
    index('interviews_evaluation_idx').on(table.evaluationId),
  ],
);

/** Which sources and interviews a question's score rests on (exactly one of the two per row). */
export const questionEvidence = pgTable(
  'question_evidence',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    questionId: text('question_id').notNull(),
    sourceId: uuid('source_id').references(() => sources.id, { onDelete: 'cascade' }),
    interviewId: uuid('interview_id').references(() => interviews.id, { onDelete: 'cascade' }),
  },
  (table) => [
    check(
      'question_evidence_one_check',
      sql`num_nonnulls(${table.sourceId}, ${table.interviewId}) = 1`,
    ),
    uniqueIndex('question_evidence_source_uq').on(
      table.evaluationId,
      table.questionId,
      table.sourceId,
    ),
    uniqueIndex('question_evidence_interview_uq').on(
      table.evaluationId,
      table.questionId,
      table.interviewId,
    ),
  ],
);

/* ------------------------------------------------------------------------------------------ */
/* Comments from the evaluated municipality                                                    */
/* ------------------------------------------------------------------------------------------ */

/**
 * A comment on an evaluation, written by a user of the evaluated municipality (on a draft shared
 * with it, or on the published report) or by the team answering it. Optionally tied to an area
 * or a question. Comments are never public.
 */
export const evaluationComments = pgTable(
  'evaluation_comments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    areaNumber: smallint('area_number'),
    questionId: text('question_id'),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    check('evaluation_comments_body_check', sql`length(btrim(${table.body})) between 1 and 4000`),
    check(
      'evaluation_comments_area_check',
      sql`${table.areaNumber} is null or ${table.areaNumber} between 1 and 99`,
    ),
    index('evaluation_comments_evaluation_idx').on(table.evaluationId, table.createdAt),
  ],
);

/* ------------------------------------------------------------------------------------------ */
/* Self-assessment key figures, the gap mapping, action plans and the värdegrund               */
/* ------------------------------------------------------------------------------------------ */

/**
 * Key-figure series of a self-assessment (an evaluation of kind `self-assessment`): one row per
 * series and year with its target and result, e.g. "Nöjd medborgar-index", unit "index".
 */
export const keyFigures = pgTable(
  'key_figures',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    /** The theme (area number of the self-assessment edition) it belongs to, when known. */
    areaNumber: smallint('area_number'),
    seriesName: text('series_name').notNull(),
    unit: text('unit'),
    year: smallint('year').notNull(),
    target: decimal('target'),
    result: decimal('result'),
    position: integer('position').notNull(),
  },
  (table) => [
    check('key_figures_name_check', sql`length(btrim(${table.seriesName})) between 1 and 200`),
    check('key_figures_year_check', sql`${table.year} between 1990 and 2100`),
    uniqueIndex('key_figures_series_year_uq').on(table.evaluationId, table.seriesName, table.year),
  ],
);

/**
 * How a self-assessment edition's questions map onto a Kommunkompassen edition's areas (the gap
 * analysis). Data, not code: `mapping` is the documented JSON of frameworks/gap-mappings/, which
 * an admin may replace; `version` bumps on every change.
 */
export const gapMappings = pgTable(
  'gap_mappings',
  {
    selfAssessmentEditionId: text('self_assessment_edition_id')
      .notNull()
      .references(() => editions.id),
    editionId: text('edition_id')
      .notNull()
      .references(() => editions.id),
    mapping: jsonb('mapping').notNull(),
    version: integer('version').notNull().default(1),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
    updatedAt: updatedAt(),
  },
  (table) => [
    primaryKey({
      name: 'gap_mappings_pk',
      columns: [table.selfAssessmentEditionId, table.editionId],
    }),
  ],
);

export const ACTION_STATUSES = ['planned', 'ongoing', 'done', 'dropped'] as const;

/**
 * An action in a municipality's plan for one improvement area of a published evaluation. The
 * improvement area is named by evaluation, area and finding (kept as text too, since a correction
 * of the evaluation writes new finding rows).
 */
export const actions = pgTable(
  'actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipalities.code),
    evaluationId: uuid('evaluation_id')
      .notNull()
      .references(() => evaluations.id, { onDelete: 'cascade' }),
    areaNumber: smallint('area_number').notNull(),
    findingId: uuid('finding_id').references(() => findings.id, { onDelete: 'set null' }),
    improvementText: text('improvement_text').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    owner: text('owner').notNull(),
    startsOn: date('starts_on', { mode: 'string' }),
    dueOn: date('due_on', { mode: 'string' }),
    status: text('status', { enum: ACTION_STATUSES }).notNull().default('planned'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('actions_status_check', oneOf('status', ACTION_STATUSES)),
    check('actions_title_check', sql`length(btrim(${table.title})) between 1 and 300`),
    check('actions_owner_check', sql`length(btrim(${table.owner})) between 1 and 200`),
    check('actions_area_check', sql`${table.areaNumber} between 1 and 99`),
    check(
      'actions_dates_check',
      sql`${table.dueOn} is null or ${table.startsOn} is null or ${table.dueOn} >= ${table.startsOn}`,
    ),
    check('actions_version_check', sql`${table.version} >= 1`),
    index('actions_evaluation_idx').on(table.evaluationId, table.areaNumber),
    index('actions_municipality_idx').on(table.municipalityCode, table.dueOn),
  ],
);

/** Dated progress notes on an action, in the order written. */
export const actionNotes = pgTable(
  'action_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actionId: uuid('action_id')
      .notNull()
      .references(() => actions.id, { onDelete: 'cascade' }),
    notedOn: date('noted_on', { mode: 'string' }).notNull(),
    body: text('body').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (table) => [
    check('action_notes_body_check', sql`length(btrim(${table.body})) between 1 and 4000`),
    index('action_notes_action_idx').on(table.actionId, table.notedOn),
  ],
);

/**
 * A municipality's värdegrund: its values and principles in order, each with what it means and
 * what it means in a given office's daily work (as in Södertälje's 2008 document).
 */
export const municipalityValues = pgTable(
  'municipality_values',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    municipalityCode: char('municipality_code', { length: 4 })
      .notNull()
      .references(() => municipalities.code),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    meaning: text('meaning').notNull().default(''),
    /** The office (förvaltning) the next field speaks for, e.g. "Barn- och utbildningskontoret". */
    office: text('office'),
    officeMeaning: text('office_meaning'),
    /** Where the värdegrund is written down (a link to the adopted document), when known. */
    documentUrl: text('document_url'),
    adoptedYear: smallint('adopted_year'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (table) => [
    check('municipality_values_name_check', sql`length(btrim(${table.name})) between 1 and 200`),
    check(
      'municipality_values_url_check',
      sql`${table.documentUrl} is null or ${table.documentUrl} ~ '^https?://'`,
    ),
    uniqueIndex('municipality_values_position_uq').on(table.municipalityCode, table.position),
  ],
);

/* ------------------------------------------------------------------------------------------ */
/* Instance settings (retention of personal data and the like)                                 */
/* ------------------------------------------------------------------------------------------ */

/**
 * Settings an admin changes at run time, one JSON value per key (e.g.
 * `interview-retention-months`). Kept in the database so every instance agrees.
 */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  updatedAt: updatedAt(),
});
