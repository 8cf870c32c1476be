-- Extensions later features use for Swedish search (trigram similarity, accent-free matching).
-- Both are "trusted" since PostgreSQL 13: the database owner may create them without superuser.
-- PGlite needs them passed to every open as well (see src/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;
