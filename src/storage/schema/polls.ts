/**
 * Poll tables (Wiperino polls, made durable): sessions, their capability tokens, questions, ballots
 * (the source of truth for every tally) and the archived results of earlier rounds ("run again").
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './accounts.js';

/** A poll session; anonymous sessions have no owner. `run_id` links a run without a foreign key. */
export const pollSessions = pgTable(
  'poll_sessions',
  {
    id: text('id').primaryKey(),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'set null' }),
    runId: text('run_id'),
    publishedQuestionId: text('published_question_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('poll_sessions_owner_idx').on(t.ownerId, t.createdAt),
    index('poll_sessions_run_idx').on(t.runId),
  ],
);

/** Capability tokens: independent random values, one row per role (moderator, viewer, overlay). */
export const pollTokens = pgTable(
  'poll_tokens',
  {
    token: text('token').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => pollSessions.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['moderator', 'viewer', 'overlay'] }).notNull(),
  },
  (t) => [index('poll_tokens_session_idx').on(t.sessionId)],
);

/** A question; `position` keeps insertion order, `round` counts "run again". */
export const pollQuestions = pgTable(
  'poll_questions',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => pollSessions.id, { onDelete: 'cascade' }),
    position: bigserial('position', { mode: 'number' }).notNull(),
    question: text('question').notNull(),
    answers: jsonb('answers').$type<string[]>().notNull(),
    kind: text('kind', { enum: ['single', 'multiple'] })
      .notNull()
      .default('single'),
    maxChoices: integer('max_choices').notNull().default(1),
    visibility: text('visibility', { enum: ['live', 'after_vote', 'after_close', 'hidden'] })
      .notNull()
      .default('live'),
    revealed: boolean('revealed').notNull().default(false),
    status: text('status', { enum: ['open', 'closed'] })
      .notNull()
      .default('open'),
    closesAt: timestamp('closes_at', { withTimezone: true, mode: 'date' }),
    round: integer('round').notNull().default(1),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('poll_questions_session_idx').on(t.sessionId, t.position),
    index('poll_questions_deadline_idx')
      .on(t.closesAt)
      .where(sql`status = 'open' and closes_at is not null`),
  ],
);

/** One ballot per voter per question per round; a vote change updates the row (the ballot moves). */
export const pollBallots = pgTable(
  'poll_ballots',
  {
    questionId: text('question_id')
      .notNull()
      .references(() => pollQuestions.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    /** `u:<user id>`, `v:<signed viewer id>`, `p:<page voter_id>` or `c:<connection>`. */
    voter: text('voter').notNull(),
    choices: jsonb('choices').$type<string[]>().notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.round, t.voter] })],
);

/** The frozen result of a finished round, kept when the moderator runs the question again. */
export const pollResults = pgTable(
  'poll_results',
  {
    questionId: text('question_id')
      .notNull()
      .references(() => pollQuestions.id, { onDelete: 'cascade' }),
    round: integer('round').notNull(),
    votes: jsonb('votes').$type<Record<string, number>>().notNull(),
    ballots: integer('ballots').notNull(),
    archivedAt: timestamp('archived_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.questionId, t.round] })],
);
