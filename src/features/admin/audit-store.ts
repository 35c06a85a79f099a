/** The admin audit trail's queries: append one staff action, page through them newest first. */
import { and, count, desc, eq, ilike, or, type SQL } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { adminActions } from '../../storage/schema/index.js';

export type AdminActionRow = typeof adminActions.$inferSelect;

export interface NewAdminAction {
  actor: { id: string; username: string };
  action: string;
  targetType: string;
  targetId: string;
  detail?: Record<string, unknown>;
  at: Date;
}

const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function recordAction(db: Db, entry: NewAdminAction): Promise<void> {
  await db.insert(adminActions).values({
    actorId: entry.actor.id,
    actorName: entry.actor.username,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    detail: entry.detail ?? {},
    createdAt: entry.at,
  });
}

/** Actions newest first; `search` matches actor, action, target type or id; `action` filters exactly. */
export async function pageActions(
  db: Db,
  q: { search?: string | undefined; action?: string | undefined; offset: number; limit: number },
): Promise<{ total: number; rows: AdminActionRow[] }> {
  const where: SQL[] = [];
  if (q.action) where.push(eq(adminActions.action, q.action));
  if (q.search) {
    const p = contains(q.search);
    const found = or(
      ilike(adminActions.actorName, p),
      ilike(adminActions.action, p),
      ilike(adminActions.targetType, p),
      ilike(adminActions.targetId, p),
    );
    if (found) where.push(found);
  }
  const cond = where.length > 0 ? and(...where) : undefined;
  const [counted] = await db.select({ n: count() }).from(adminActions).where(cond);
  const rows = await db
    .select()
    .from(adminActions)
    .where(cond)
    .orderBy(desc(adminActions.createdAt), desc(adminActions.id))
    .offset(q.offset)
    .limit(q.limit);
  return { total: counted?.n ?? 0, rows };
}
