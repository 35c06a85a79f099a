/**
 * The accounts queries, over the drizzle handle shared by PGlite and PostgreSQL. Time comparisons
 * take `now` from the injected clock rather than SQL `now()`, so expiry is testable with a fake clock.
 */
import { and, asc, count, desc, eq, gt, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { passwordResets, refreshTokens, users } from '../../storage/schema/index.js';

/** A users row as drizzle returns it. */
export type UserRow = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export async function findUserById(db: Db, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/**
 * The user with this username: the exact spelling first (indexed), else the one case-insensitive
 * match, since registration keeps usernames unique regardless of case.
 */
export async function findUserByUsername(db: Db, username: string): Promise<UserRow | undefined> {
  const [exact] = await db.select().from(users).where(eq(users.username, username));
  if (exact) return exact;
  const matches = await db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(2);
  return matches.length === 1 ? matches[0] : undefined;
}

/** Emails are stored lower-cased, so an exact match on the lower-cased input uses the unique index. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

/** True when another user (not `exceptId`) holds this username in any letter case. */
export async function usernameTaken(db: Db, username: string, exceptId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(2);
  return rows.some((row) => row.id !== exceptId);
}

export async function emailTaken(db: Db, email: string, exceptId?: string): Promise<boolean> {
  const row = await findUserByEmail(db, email);
  return row !== undefined && row.id !== exceptId;
}

export async function insertUser(db: Db, values: NewUser): Promise<UserRow> {
  const [row] = await db.insert(users).values(values).returning();
  if (!row) throw new Error('insert into users returned no row');
  return row;
}

export async function updateUser(db: Db, id: string, values: Partial<NewUser>): Promise<UserRow | undefined> {
  const [row] = await db.update(users).set(values).where(eq(users.id, id)).returning();
  return row;
}

/**
 * Which unique column a failed insert or update collided on, or null for any other error. Drizzle
 * wraps the driver's error; both pg and PGlite report SQLSTATE 23505 with the constraint name.
 */
export function uniqueViolation(error: unknown): 'username' | 'email' | null {
  for (let e: unknown = error; e instanceof Error; e = e.cause) {
    const { code, constraint } = e as Error & { code?: string; constraint?: string };
    if (code === '23505') {
      const where = `${constraint ?? ''} ${e.message}`;
      if (where.includes('username')) return 'username';
      if (where.includes('email')) return 'email';
    }
  }
  return null;
}

export async function insertRefreshToken(
  db: Db,
  values: { jti: string; userId: string; expiresAt: Date; createdAt: Date },
): Promise<void> {
  await db.insert(refreshTokens).values(values);
}

/** True when the token row exists, is not revoked and has not expired at `now`. */
export async function refreshTokenActive(db: Db, jti: string, userId: string, now: Date): Promise<boolean> {
  const [row] = await db
    .select({ jti: refreshTokens.jti })
    .from(refreshTokens)
    .where(
      and(
        eq(refreshTokens.jti, jti),
        eq(refreshTokens.userId, userId),
        isNull(refreshTokens.revokedAt),
        gt(refreshTokens.expiresAt, now),
      ),
    );
  return row !== undefined;
}

/** Revokes every live refresh token of a user (logout, password reset). */
export async function revokeRefreshTokens(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .update(refreshTokens)
    .set({ revokedAt: now })
    .where(and(eq(refreshTokens.userId, userId), isNull(refreshTokens.revokedAt)));
}

export async function insertPasswordReset(
  db: Db,
  values: { tokenHash: string; userId: string; expiresAt: Date },
): Promise<void> {
  await db.insert(passwordResets).values(values);
}

/**
 * Marks a reset token used if it belongs to `userId`, is unused and unexpired; true when this call
 * consumed it. One conditional UPDATE, so two concurrent confirms cannot both succeed.
 */
export async function consumePasswordReset(
  db: Db,
  tokenHash: string,
  userId: string,
  now: Date,
): Promise<boolean> {
  const rows = await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordResets.tokenHash, tokenHash),
        eq(passwordResets.userId, userId),
        isNull(passwordResets.usedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .returning({ tokenHash: passwordResets.tokenHash });
  return rows.length === 1;
}

/** Retires a user's other outstanding reset links once the password has changed. */
export async function retirePasswordResets(db: Db, userId: string, now: Date): Promise<void> {
  await db
    .update(passwordResets)
    .set({ usedAt: now })
    .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
}

/** Escapes LIKE wildcards so a search for "50%" or "a_b" matches literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** One page of users, newest first, optionally filtered by username, email or display name. */
export async function listUsers(
  db: Db,
  options: { search?: string | undefined; offset: number; limit: number },
): Promise<{ total: number; rows: UserRow[] }> {
  const pattern = options.search ? likePattern(options.search) : undefined;
  const where = pattern
    ? or(ilike(users.username, pattern), ilike(users.email, pattern), ilike(users.displayName, pattern))
    : undefined;
  const [totalRow] = await db.select({ total: count() }).from(users).where(where);
  const rows = await db
    .select()
    .from(users)
    .where(where)
    .orderBy(desc(users.createdAt), asc(users.id))
    .limit(options.limit)
    .offset(options.offset);
  return { total: Number(totalRow?.total ?? 0), rows };
}
