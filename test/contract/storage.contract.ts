/**
 * The database port's contract: the same tests run on embedded PGlite and on PostgreSQL
 * (ARCHITECTURE example 2), so the one schema and migration history behave the same on both.
 */
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.js';
import { users } from '../../src/storage/schema/index.js';
import { getOrCreateJwtSecret, getOrCreateSetting } from '../../src/storage/settings-store.js';

export function storageContract(open: () => Promise<Database>): void {
  let database: Database;

  beforeAll(async () => {
    database = await open();
  });
  afterAll(async () => {
    await database.close();
  });

  it('[STORE-1] migrations are applied and running them again is a no-op', async () => {
    await database.migrate();
    const [row] = await database.db.select({ n: sql<number>`count(*)::int` }).from(users);
    expect(row).toEqual({ n: expect.any(Number) });
  });

  it('[STORE-2] ping answers', async () => {
    await expect(database.ping()).resolves.toBeUndefined();
  });

  it('[STORE-3] a setting is created once; concurrent callers all get the winner', async () => {
    const values = await Promise.all(
      Array.from({ length: 10 }, (_, i) => getOrCreateSetting(database.db, 'contract-key', () => `v${i}`)),
    );
    expect(new Set(values).size).toBe(1);
    expect(await getOrCreateSetting(database.db, 'contract-key', () => 'other')).toBe(values[0]);
  });

  it('[STORE-4] the generated JWT secret is long, random and stable', async () => {
    const a = await getOrCreateJwtSecret(database.db);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(await getOrCreateJwtSecret(database.db)).toBe(a);
  });

  it('[STORE-5] unique constraints hold and a failed insert changes nothing', async () => {
    await database.db.insert(users).values({ username: 'uniq', email: 'uniq@example.com', displayName: 'U' });
    await expect(
      database.db.insert(users).values({ username: 'uniq', email: 'other@example.com', displayName: 'U2' }),
    ).rejects.toThrow();
    const rows = await database.db.select().from(users).where(eq(users.username, 'uniq'));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(rows[0]?.createdAt).toBeInstanceOf(Date);
  });

  it('[STORE-6] a transaction that throws is rolled back', async () => {
    await expect(
      database.db.transaction(async (tx) => {
        await tx.insert(users).values({ username: 'rolled-back', displayName: 'R' });
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await database.db.select().from(users).where(eq(users.username, 'rolled-back'))).toHaveLength(0);
  });

  it('[STORE-7] timestamps with time zone round-trip to the millisecond', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    await database.db.insert(users).values({ username: 'clock', displayName: 'C', createdAt: at });
    const [row] = await database.db.select().from(users).where(eq(users.username, 'clock'));
    expect(row?.createdAt.toISOString()).toBe(at.toISOString());
  });
}
