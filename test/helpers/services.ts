/**
 * Real services for tests. Tests that need PostgreSQL or Redis read DATABASE_URL / REDIS_URL; without
 * them the suite is skipped locally, but under CI=true a missing service fails the run.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

const inCi = process.env.CI === 'true' || process.env.CI === '1';

function serviceUrl(name: 'DATABASE_URL' | 'REDIS_URL'): string | undefined {
  const url = process.env[name];
  if (!url && inCi) throw new Error(`${name} must be set under CI=true: this suite needs the real service`);
  return url || undefined;
}

export const postgresUrl = serviceUrl('DATABASE_URL');
export const redisUrl = serviceUrl('REDIS_URL');

/**
 * Creates an empty database next to DATABASE_URL's for one test file, so files running in parallel
 * never share tables. Returns its URL and a function that drops it.
 */
export async function freshPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!postgresUrl) throw new Error('DATABASE_URL is not set');
  const name = `rf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(postgresUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: postgresUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** A Redis key prefix unique to one test, so parallel tests never see each other's keys. */
export function uniqueRedisPrefix(): string {
  return `rftest:${randomBytes(5).toString('hex')}:`;
}
