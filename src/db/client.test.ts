import { count, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { openDatabase, redactUrl, resolveDataDir } from './client.ts';
import { StorageError } from './errors.ts';
import { municipalities } from './schema.ts';
import { describeDatabases } from './testing.ts';

describe('resolveDataDir', () => {
  it('defaults to ./data and honours KOMPASS_DATA_DIR relative to cwd', () => {
    expect(resolveDataDir({ env: {}, cwd: '/srv/kompass' })).toBe('/srv/kompass/data');
    expect(resolveDataDir({ env: { KOMPASS_DATA_DIR: 'db' }, cwd: '/srv/kompass' })).toBe(
      '/srv/kompass/db',
    );
    expect(resolveDataDir({ env: { KOMPASS_DATA_DIR: '/var/lib/k' }, cwd: '/srv' })).toBe(
      '/var/lib/k',
    );
  });
});

describe('openDatabase with DATABASE_URL', () => {
  it('hides the password when printing the URL', () => {
    expect(redactUrl('postgres://kompass:s3cret@db:5432/kompass')).toBe(
      'postgres://kompass:*****@db:5432/kompass',
    );
  });

  it('says clearly when the server cannot be reached, without the password', async () => {
    const failure = await openDatabase({
      env: { DATABASE_URL: 'postgres://kompass:s3cret@127.0.0.1:9/kompass' },
      cwd: '/',
    }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(StorageError);
    expect(failure).toMatchObject({ code: 'unavailable' });
    const message = (failure as Error).message;
    expect(message).toMatch(
      /^cannot connect to the PostgreSQL server in DATABASE_URL \(postgres:\/\/kompass:\*\*\*\*\*@127\.0\.0\.1:9\/kompass\): .*ECONNREFUSED.*unset it to use the embedded database$/,
    );
    expect(message).not.toContain('s3cret');
  });
});

describeDatabases(
  'database drivers',
  (getDb) => {
    it('returns counts and sums as numbers on both drivers', async () => {
      const { db } = getDb();
      const [row] = await db
        .select({
          n: count(),
          codes: sql<number>`sum(${municipalities.code}::int)`.mapWith(Number),
        })
        .from(municipalities);
      expect(row).toEqual({ n: 290, codes: expect.any(Number) as unknown });
      expect(await db.$count(municipalities)).toBe(290);
    });
  },
  { shared: true },
);
