/**
 * The polls queries. Tallies are always computed from `poll_ballots` (the source of truth); ballots
 * are written in batches with one statement that also checks, atomically, that the question is open.
 */
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import {
  pollBallots,
  pollQuestions,
  pollResults,
  pollSessions,
  pollTokens,
} from '../../storage/schema/index.js';
import type { Role } from './capabilities.js';

export type SessionRow = typeof pollSessions.$inferSelect;
export type QuestionRow = typeof pollQuestions.$inferSelect;
export type ResultRow = typeof pollResults.$inferSelect;

/** Counts per answer plus the number of ballots, for a question's current round. */
export interface Tally {
  votes: Record<string, number>;
  ballots: number;
}

export interface TokenSet {
  moderator: string;
  viewer: string;
  overlay: string;
}

async function rows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export async function insertSession(
  db: Db,
  values: { id: string; ownerId: string | null; runId: string | null; tokens: TokenSet },
): Promise<SessionRow> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(pollSessions)
      .values({ id: values.id, ownerId: values.ownerId, runId: values.runId })
      .returning();
    if (!row) throw new Error('insert into poll_sessions returned no row');
    await tx.insert(pollTokens).values(
      (Object.entries(values.tokens) as [Role, string][]).map(([role, token]) => ({
        token,
        role,
        sessionId: values.id,
      })),
    );
    return row;
  });
}

export async function findToken(
  db: Db,
  token: string,
): Promise<{ sessionId: string; role: Role } | undefined> {
  const [row] = await db.select().from(pollTokens).where(eq(pollTokens.token, token));
  return row ? { sessionId: row.sessionId, role: row.role } : undefined;
}

export async function sessionTokens(db: Db, sessionId: string): Promise<TokenSet> {
  const found = await db.select().from(pollTokens).where(eq(pollTokens.sessionId, sessionId));
  const get = (role: Role) => found.find((r) => r.role === role)?.token ?? '';
  return { moderator: get('moderator'), viewer: get('viewer'), overlay: get('overlay') };
}

export async function getSession(db: Db, id: string): Promise<SessionRow | undefined> {
  const [row] = await db.select().from(pollSessions).where(eq(pollSessions.id, id));
  return row;
}

export async function listOwnedSessions(db: Db, ownerId: string, runId?: string): Promise<SessionRow[]> {
  const where =
    runId === undefined
      ? eq(pollSessions.ownerId, ownerId)
      : and(eq(pollSessions.ownerId, ownerId), eq(pollSessions.runId, runId));
  return db.select().from(pollSessions).where(where).orderBy(desc(pollSessions.createdAt)).limit(500);
}

export async function setPublished(db: Db, sessionId: string, questionId: string | null): Promise<void> {
  await db
    .update(pollSessions)
    .set({ publishedQuestionId: questionId })
    .where(eq(pollSessions.id, sessionId));
}

export async function deleteSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(pollSessions).where(eq(pollSessions.id, sessionId));
}

export async function insertQuestion(
  db: Db,
  values: typeof pollQuestions.$inferInsert,
): Promise<QuestionRow> {
  const [row] = await db.insert(pollQuestions).values(values).returning();
  if (!row) throw new Error('insert into poll_questions returned no row');
  return row;
}

export async function listQuestions(db: Db, sessionId: string): Promise<QuestionRow[]> {
  return db
    .select()
    .from(pollQuestions)
    .where(eq(pollQuestions.sessionId, sessionId))
    .orderBy(asc(pollQuestions.position));
}

export async function getQuestion(db: Db, sessionId: string, id: string): Promise<QuestionRow | undefined> {
  const [row] = await db
    .select()
    .from(pollQuestions)
    .where(and(eq(pollQuestions.id, id), eq(pollQuestions.sessionId, sessionId)));
  return row;
}

export async function questionsByIds(db: Db, ids: string[]): Promise<QuestionRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(pollQuestions)
    .where(inArray(pollQuestions.id, ids))
    .orderBy(asc(pollQuestions.position));
}

export async function updateQuestion(
  db: Db,
  sessionId: string,
  id: string,
  values: Partial<typeof pollQuestions.$inferInsert>,
): Promise<QuestionRow | undefined> {
  const [row] = await db
    .update(pollQuestions)
    .set(values)
    .where(and(eq(pollQuestions.id, id), eq(pollQuestions.sessionId, sessionId)))
    .returning();
  return row;
}

export async function deleteQuestion(db: Db, sessionId: string, id: string): Promise<boolean> {
  const deleted = await db
    .delete(pollQuestions)
    .where(and(eq(pollQuestions.id, id), eq(pollQuestions.sessionId, sessionId)))
    .returning({ id: pollQuestions.id });
  return deleted.length > 0;
}

/** Current-round tallies of the given questions (every answer present, zero when unchosen). */
export async function tallies(db: Db, questions: QuestionRow[]): Promise<Map<string, Tally>> {
  const out = new Map<string, Tally>();
  for (const q of questions)
    out.set(q.id, { votes: Object.fromEntries(q.answers.map((a) => [a, 0])), ballots: 0 });
  if (questions.length === 0) return out;
  const ids = list(questions.map((q) => q.id));
  const counts = await rows<{ question_id: string; choice: string; n: number | string }>(
    db,
    sql`select b.question_id, c.choice, count(*) as n
        from poll_ballots b
        join poll_questions q on q.id = b.question_id and q.round = b.round
        cross join lateral jsonb_array_elements_text(b.choices) as c(choice)
        where b.question_id in (${ids})
        group by b.question_id, c.choice`,
  );
  for (const row of counts) {
    const tally = out.get(row.question_id);
    if (tally && row.choice in tally.votes) tally.votes[row.choice] = Number(row.n);
  }
  const totals = await rows<{ question_id: string; n: number | string }>(
    db,
    sql`select b.question_id, count(*) as n
        from poll_ballots b join poll_questions q on q.id = b.question_id and q.round = b.round
        where b.question_id in (${ids}) group by b.question_id`,
  );
  for (const row of totals) {
    const tally = out.get(row.question_id);
    if (tally) tally.ballots = Number(row.n);
  }
  return out;
}

export interface PendingBallot {
  questionId: string;
  voter: string;
  choices: string[];
}

/**
 * Upserts a batch of ballots in one statement. A ballot is stored only when its question is open at
 * `now` (status and deadline checked in the same statement); the returned keys are what was stored.
 */
export async function writeBallots(
  db: Db,
  batch: PendingBallot[],
  now: Date,
): Promise<{ question_id: string; voter: string; session_id: string }[]> {
  if (batch.length === 0) return [];
  const at = now.toISOString();
  const values = sql.join(
    batch.map((b) => sql`(${b.questionId}::text, ${b.voter}::text, ${JSON.stringify(b.choices)}::text)`),
    sql`, `,
  );
  return rows(
    db,
    sql`insert into poll_ballots (question_id, round, voter, choices, created_at, updated_at)
        select v.question_id, q.round, v.voter, v.choices::jsonb, ${at}::timestamptz, ${at}::timestamptz
        from (values ${values}) as v(question_id, voter, choices)
        join poll_questions q on q.id = v.question_id
          and q.status = 'open' and (q.closes_at is null or q.closes_at > ${at}::timestamptz)
        on conflict (question_id, round, voter)
          do update set choices = excluded.choices, updated_at = excluded.updated_at
        returning question_id, voter, (select session_id from poll_questions where id = question_id) as session_id`,
  );
}

/** The voter's current-round ballots in a session: question id -> choices. */
export async function voterBallots(db: Db, sessionId: string, voter: string): Promise<Map<string, string[]>> {
  const found = await rows<{ question_id: string; choices: string[] }>(
    db,
    sql`select b.question_id, b.choices from poll_ballots b
        join poll_questions q on q.id = b.question_id and q.round = b.round
        where q.session_id = ${sessionId} and b.voter = ${voter}`,
  );
  return new Map(found.map((r) => [r.question_id, r.choices]));
}

/** Archives the current round's result and opens the next round, in one transaction. */
export async function runAgain(
  db: Db,
  question: QuestionRow,
  tally: Tally,
): Promise<QuestionRow | undefined> {
  return db.transaction(async (tx) => {
    await tx
      .insert(pollResults)
      .values({ questionId: question.id, round: question.round, votes: tally.votes, ballots: tally.ballots })
      .onConflictDoNothing();
    const [row] = await tx
      .update(pollQuestions)
      .set({ round: question.round + 1, status: 'open', closesAt: null, revealed: false })
      .where(and(eq(pollQuestions.id, question.id), eq(pollQuestions.round, question.round)))
      .returning();
    return row;
  });
}

export async function roundHistory(db: Db, sessionId: string): Promise<ResultRow[]> {
  return db
    .select({
      questionId: pollResults.questionId,
      round: pollResults.round,
      votes: pollResults.votes,
      ballots: pollResults.ballots,
      archivedAt: pollResults.archivedAt,
    })
    .from(pollResults)
    .innerJoin(pollQuestions, eq(pollQuestions.id, pollResults.questionId))
    .where(eq(pollQuestions.sessionId, sessionId))
    .orderBy(asc(pollResults.round));
}

/** Closes every open question whose deadline passed; returns them (one process wins each row). */
export async function closeDue(db: Db, now: Date): Promise<QuestionRow[]> {
  return db
    .update(pollQuestions)
    .set({ status: 'closed' })
    .where(
      sql`${pollQuestions.status} = 'open' and ${pollQuestions.closesAt} is not null and ${pollQuestions.closesAt} <= ${now.toISOString()}::timestamptz`,
    )
    .returning();
}

/** Runs `fn` while holding a transaction-scoped advisory lock for the session (cross-process order). */
export async function withSessionLock<T>(db: Db, sessionId: string, fn: (tx: Db) => Promise<T>): Promise<T> {
  // Queries go through `tx`: PGlite has one connection, so a query outside would wait for this one.
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`polls:${sessionId}`}))`);
    return fn(tx as unknown as Db);
  });
}

/** Ballot count of a session (tests, export). */
export async function countBallots(db: Db, sessionId: string): Promise<number> {
  const [row] = await rows<{ n: number | string }>(
    db,
    sql`select count(*) as n from poll_ballots b join poll_questions q on q.id = b.question_id where q.session_id = ${sessionId}`,
  );
  return Number(row?.n ?? 0);
}

/** Every ballot of a session's questions (export), oldest first. */
export async function allBallots(db: Db, sessionId: string): Promise<(typeof pollBallots.$inferSelect)[]> {
  return db
    .select({
      questionId: pollBallots.questionId,
      round: pollBallots.round,
      voter: pollBallots.voter,
      choices: pollBallots.choices,
      createdAt: pollBallots.createdAt,
      updatedAt: pollBallots.updatedAt,
    })
    .from(pollBallots)
    .innerJoin(pollQuestions, eq(pollQuestions.id, pollBallots.questionId))
    .where(eq(pollQuestions.sessionId, sessionId))
    .orderBy(asc(pollBallots.createdAt));
}
