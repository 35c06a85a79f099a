/** Deployment-wide settings kept in the database (shared by every server process). */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Db } from './database.js';
import { settings } from './schema/index.js';

/**
 * Returns the stored value for `key`, creating it with `make()` the first time. Concurrent callers
 * (several processes starting together) all end up with the one value that won the insert.
 */
export async function getOrCreateSetting(db: Db, key: string, make: () => string): Promise<string> {
  await db.insert(settings).values({ key, value: make() }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.key, key));
  if (!row) throw new Error(`setting ${key} vanished after insert`);
  return row.value;
}

/** The JWT signing secret: generated once per deployment, never a hard-coded default. */
export function getOrCreateJwtSecret(db: Db): Promise<string> {
  return getOrCreateSetting(db, 'jwt_secret', () => randomBytes(48).toString('base64url'));
}
