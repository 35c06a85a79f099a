/**
 * What the staff admin area reads and does in polls (a feature never imports another feature's
 * store): sessions with owner, question and ballot counts, and deleting a session (its tokens,
 * questions and ballots go with it, by cascade, as the owner's own delete).
 */
import { count, desc, eq, ilike, or, sql } from 'drizzle-orm';
import type { AppContext } from '../../server/context.js';
import type { Db } from '../../storage/database.js';
import { pollSessions, users } from '../../storage/schema/index.js';
import { deleteSession, getSession, type SessionRow } from './store.js';
import { topics } from './views.js';

/** Session ids are base64url; anything else cannot name one (and never reaches the database). */
const SESSION_ID = /^[A-Za-z0-9_-]{1,64}$/;

const contains = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const questions = sql<number>`(select count(*)::int from poll_questions q where q.session_id = "poll_sessions"."id")`;
const ballots = sql<number>`(select count(*)::int from poll_ballots b join poll_questions q on q.id = b.question_id where q.session_id = "poll_sessions"."id")`;

/** Sessions newest first; search over the session id, owner username and question texts. */
export async function adminListPollSessions(
  db: Db,
  q: { search?: string | undefined; offset: number; limit: number },
) {
  const cond = q.search
    ? or(
        ilike(pollSessions.id, contains(q.search)),
        ilike(users.username, contains(q.search)),
        sql`exists (select 1 from poll_questions q where q.session_id = "poll_sessions"."id" and q.question ilike ${contains(q.search)})`,
      )
    : undefined;
  const [counted] = await db
    .select({ n: count() })
    .from(pollSessions)
    .leftJoin(users, eq(users.id, pollSessions.ownerId))
    .where(cond);
  const rows = await db
    .select({ session: pollSessions, owner: users.username, questions, ballots })
    .from(pollSessions)
    .leftJoin(users, eq(users.id, pollSessions.ownerId))
    .where(cond)
    .orderBy(desc(pollSessions.createdAt), desc(pollSessions.id))
    .offset(q.offset)
    .limit(q.limit);
  return {
    total: counted?.n ?? 0,
    rows: rows.map((r) => ({ ...r, questions: Number(r.questions), ballots: Number(r.ballots) })),
  };
}

export async function countPollSessions(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(pollSessions);
  return row?.n ?? 0;
}

/**
 * Deletes a session by id and tells its open pages (`session_deleted`), as the owner's delete does;
 * the deleted row, or undefined when there was none.
 */
export async function adminDeletePollSession(ctx: AppContext, id: string): Promise<SessionRow | undefined> {
  if (!SESSION_ID.test(id)) return undefined;
  const session = await getSession(ctx.database.db, id);
  if (!session) return undefined;
  await deleteSession(ctx.database.db, id);
  await ctx.hub.broadcast(topics.all(id), { type: 'session_deleted' }, { record: false });
  return session;
}
