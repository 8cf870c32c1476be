import { defineConfig } from 'drizzle-kit';

/**
 * `npx drizzle-kit generate` writes a new SQL migration to `drizzle/` from `src/db/schema.ts`.
 * The same migrations run on PGlite and PostgreSQL (see docs/adr/0001-storage.md); `kompass
 * migrate` applies them. Keep the SQL valid on PostgreSQL 15 (production) and 18 (PGlite).
 */
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
  strict: true,
  verbose: true,
});
