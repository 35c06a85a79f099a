/**
 * What the staff admin module reads of accounts (a feature never imports another feature's store):
 * the acting staff user as stored now, and user counts for the overview.
 */
import { count, sql } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { users } from '../../storage/schema/index.js';
import { findUserById, type UserRow } from './store.js';

/** The user if it exists, is active and is staff now (a demoted user loses access at once). */
export async function findActiveStaff(db: Db, id: string): Promise<UserRow | undefined> {
  const user = await findUserById(db, id);
  return user && user.isActive && user.isStaff ? user : undefined;
}

/** Users in all, and how many are premium, staff and guests. */
export async function userCounts(db: Db) {
  const [row] = await db
    .select({
      total: count(),
      premium: sql<number>`count(*) filter (where ${users.isPremium})::int`,
      staff: sql<number>`count(*) filter (where ${users.isStaff})::int`,
      guests: sql<number>`count(*) filter (where ${users.isGuest})::int`,
    })
    .from(users);
  return {
    total: row?.total ?? 0,
    premium: Number(row?.premium ?? 0),
    staff: Number(row?.staff ?? 0),
    guests: Number(row?.guests ?? 0),
  };
}
