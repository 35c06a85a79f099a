/**
 * The polls rules: sessions, questions and the moderator's actions, shared by the REST routes and the
 * socket. State changes are stored first, then announced on the session's topics; tallies are
 * never sent from here directly but marked for the shared pusher (coalesced, exact).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Hub } from '../../gateway/hub.js';
import type { Clock } from '../../realtime/clock.js';
import type { EphemeralStore } from '../../realtime/ephemeral.js';
import type { Db } from '../../storage/database.js';
import { forbidden, notFound } from '../../server/errors.js';
import { BallotWriter } from './ballots.js';
import {
  newCapability,
  newQuestionId,
  newSessionId,
  looksLikeToken,
  type Role,
  type ViewerIdentities,
} from './capabilities.js';
import type { PollLimits } from './limits.js';
import { TallyPusher } from './pusher.js';
import type { AddQuestionInput, ChangeQuestionInput, ModeratorAction } from './schemas.js';
import * as store from './store.js';
import { overlayResults, publicResults, questionView, topics, type QuestionView } from './views.js';

export interface PollsDeps {
  db: Db;
  hub: Hub;
  clock: Clock;
  log: FastifyBaseLogger;
  identities: ViewerIdentities;
  limits: PollLimits;
  /** The ephemeral store when it is shared between processes (Redis), else null. */
  sharedStore: EphemeralStore | null;
}

export interface Capability {
  sessionId: string;
  role: Role;
}

/** The seed's 404 for an unknown token, and its 403 for a token that may not moderate. */
export const invalidToken = () => notFound('Invalid token', { error: 'Invalid token' });
export const notModerator = (what = 'perform this action') =>
  forbidden(`Only moderator can ${what}.`, { error: `Only moderator can ${what}.` });

/** How long a cached question row is trusted for vote checks (the write re-checks in SQL anyway). */
const CACHE_MS = 1000;

export class PollsService {
  readonly writer: BallotWriter;
  readonly pusher: TallyPusher;
  private readonly cache = new Map<string, { row: store.QuestionRow; at: number }>();

  constructor(readonly deps: PollsDeps) {
    this.writer = new BallotWriter(
      deps.db,
      () => deps.clock.now(),
      (stored) => {
        for (const s of stored) this.pusher.mark(s.sessionId, s.questionId);
      },
    );
    this.pusher = new TallyPusher({
      db: deps.db,
      hub: deps.hub,
      clock: deps.clock,
      log: deps.log,
      gate: deps.sharedStore,
      onClosed: async (closed) => {
        for (const q of closed) await this.announce(q);
      },
    });
  }

  /** The session and role a token opens, or null for anything unknown. */
  async resolve(token: string): Promise<Capability | null> {
    if (!looksLikeToken(token)) return null;
    return (await store.findToken(this.deps.db, token)) ?? null;
  }

  async requireModerator(token: string, what?: string): Promise<Capability> {
    const cap = await this.resolve(token);
    if (!cap) throw invalidToken();
    if (cap.role !== 'moderator') throw notModerator(what);
    return cap;
  }

  /** Creates a session with three independent capability tokens; answers the seed's four keys. */
  async createSession(ownerId: string | null, runId: string | null) {
    const tokens = { moderator: newCapability(), viewer: newCapability(), overlay: newCapability() };
    const row = await store.insertSession(this.deps.db, { id: newSessionId(), ownerId, runId, tokens });
    const { session_id, moderator_url, viewer_url, overlay_url } = sessionLinks(row, tokens);
    return {
      session_id,
      moderator_url,
      viewer_url,
      overlay_url,
      ...(runId === null ? {} : { run_id: runId }),
    };
  }

  async listSessions(ownerId: string, runId?: string) {
    const rows = await store.listOwnedSessions(this.deps.db, ownerId, runId);
    return Promise.all(
      rows.map(async (row) => sessionLinks(row, await store.sessionTokens(this.deps.db, row.id))),
    );
  }

  async deleteSession(sessionId: string): Promise<void> {
    await store.deleteSession(this.deps.db, sessionId);
    await this.deps.hub.broadcast(topics.all(sessionId), { type: 'session_deleted' }, { record: false });
  }

  /** Questions as `role` may see them (`votedIds`: after-vote questions this viewer answered). */
  async questions(
    sessionId: string,
    role: Role,
    votedIds: ReadonlySet<string> = new Set(),
  ): Promise<QuestionView[]> {
    const rows = await store.listQuestions(this.deps.db, sessionId);
    const counted = await store.tallies(this.deps.db, rows);
    const now = this.deps.clock.now();
    return rows.map((q) => questionView(q, counted.get(q.id), canSee(q, role, now, votedIds.has(q.id))));
  }

  async history(sessionId: string) {
    const rows = await store.roundHistory(this.deps.db, sessionId);
    return rows.map((r) => ({
      question_id: r.questionId,
      round: r.round,
      votes: r.votes,
      total: r.ballots,
      archived_at: r.archivedAt.toISOString(),
    }));
  }

  async addQuestion(sessionId: string, input: AddQuestionInput): Promise<QuestionView> {
    const kind = input.kind ?? 'single';
    const maxChoices =
      kind === 'single' ? 1 : Math.min(input.max_choices ?? input.answers.length, input.answers.length);
    const row = await store.insertQuestion(this.deps.db, {
      id: newQuestionId(),
      sessionId,
      question: input.question,
      answers: input.answers,
      kind,
      maxChoices,
      visibility: input.visibility ?? 'live',
    });
    return questionView(row, undefined, true);
  }

  async changeQuestion(sessionId: string, id: string, input: ChangeQuestionInput): Promise<QuestionView> {
    const current = await this.question(sessionId, id);
    const kind = input.kind ?? current.kind;
    let max = input.max_choices ?? current.maxChoices;
    // Switching a single-choice question to multiple without a maximum allows every answer.
    if (kind === 'multiple' && current.kind === 'single' && input.max_choices === undefined)
      max = current.answers.length;
    if (kind === 'single') max = 1;
    const row = await store.updateQuestion(this.deps.db, sessionId, id, {
      question: input.question ?? current.question,
      kind,
      maxChoices: Math.min(max, current.answers.length),
      visibility: input.visibility ?? current.visibility,
    });
    if (!row) throw questionNotFound();
    await this.announce(row);
    return questionView(row, undefined, true);
  }

  /** Deletes a question (REST and socket); announces it even when it was already gone, as the seed did. */
  async deleteQuestion(sessionId: string, id: string): Promise<boolean> {
    const deleted = await store.deleteQuestion(this.deps.db, sessionId, id);
    this.cache.delete(id);
    const session = await store.getSession(this.deps.db, sessionId);
    if (session?.publishedQuestionId === id) await store.setPublished(this.deps.db, sessionId, null);
    await this.deps.hub.broadcast(topics.all(sessionId), { type: 'delete_question', question_id: id });
    return deleted;
  }

  async publish(sessionId: string, id: string): Promise<void> {
    const q = await this.question(sessionId, id);
    await store.setPublished(this.deps.db, sessionId, id);
    const now = this.deps.clock.now();
    const counted = await store.tallies(this.deps.db, [q]);
    await this.deps.hub.broadcast(topics.all(sessionId), {
      type: 'publish_question',
      question_id: id,
      question_data: questionView(q, counted.get(id), publicResults(q, now)),
    });
    this.pusher.mark(sessionId, id);
  }

  async unpublish(sessionId: string): Promise<void> {
    await store.setPublished(this.deps.db, sessionId, null);
    await this.deps.hub.broadcast(topics.all(sessionId), { type: 'unpublish_question' });
  }

  /** The seed's `sync_questions`: every question again as `new_question`, in order. */
  async sync(sessionId: string): Promise<void> {
    for (const question of await this.questions(sessionId, 'viewer')) {
      await this.deps.hub.broadcast(topics.all(sessionId), { type: 'new_question', question });
    }
  }

  /** Close, reopen, reveal, hide, run again, countdown (publish/unpublish have their own frames). */
  async act(sessionId: string, id: string, action: ModeratorAction, seconds?: number): Promise<QuestionView> {
    if (action === 'publish') await this.publish(sessionId, id);
    if (action === 'unpublish') await this.unpublish(sessionId);
    const q = await this.question(sessionId, id);
    const now = this.deps.clock.now();
    let row: store.QuestionRow | undefined = q;
    switch (action) {
      case 'close':
        row = await store.updateQuestion(this.deps.db, sessionId, id, { status: 'closed', closesAt: null });
        break;
      case 'reopen':
        row = await store.updateQuestion(this.deps.db, sessionId, id, { status: 'open', closesAt: null });
        break;
      case 'reveal':
      case 'hide':
        row = await store.updateQuestion(this.deps.db, sessionId, id, { revealed: action === 'reveal' });
        break;
      case 'countdown':
        row = await store.updateQuestion(this.deps.db, sessionId, id, {
          status: 'open',
          closesAt: new Date(now + (seconds ?? 30) * 1000),
        });
        break;
      case 'run_again': {
        const counted = await store.tallies(this.deps.db, [q]);
        row = await store.runAgain(this.deps.db, q, counted.get(id) ?? { votes: {}, ballots: 0 });
        break;
      }
      default:
        break;
    }
    if (!row) throw questionNotFound();
    if (action !== 'publish' && action !== 'unpublish') await this.announce(row);
    return questionView(row, undefined, true);
  }

  /** A question for a vote check, from a short-lived cache. */
  async cachedQuestion(sessionId: string, id: string): Promise<store.QuestionRow | undefined> {
    const hit = this.cache.get(id);
    if (hit && performance.now() - hit.at < CACHE_MS)
      return hit.row.sessionId === sessionId ? hit.row : undefined;
    const row = await store.getQuestion(this.deps.db, sessionId, id);
    if (row) this.cache.set(id, { row, at: performance.now() });
    if (this.cache.size > 10_000) this.cache.clear();
    return row;
  }

  async question(sessionId: string, id: string): Promise<store.QuestionRow> {
    const row = await store.getQuestion(this.deps.db, sessionId, id);
    if (!row) throw questionNotFound();
    return row;
  }

  /** Tells everyone a question's new state and queues its tally for everyone allowed to see it. */
  private async announce(row: store.QuestionRow): Promise<void> {
    this.cache.set(row.id, { row, at: performance.now() });
    await this.deps.hub.broadcast(topics.all(row.sessionId), {
      type: 'question_state',
      question_id: row.id,
      question: questionView(row, undefined, false),
    });
    this.pusher.mark(row.sessionId, row.id);
  }

  async close(): Promise<void> {
    await this.writer.drain();
    await this.pusher.stop();
  }
}

/** Who may see a question's tally. */
export function canSee(q: store.QuestionRow, role: Role, now: number, voted: boolean): boolean {
  if (role === 'moderator') return true;
  if (role === 'overlay') return overlayResults(q, now);
  return publicResults(q, now) || (q.visibility === 'after_vote' && voted);
}

export function questionNotFound() {
  return notFound('Question not found', { error: 'Question not found' });
}

function sessionLinks(row: store.SessionRow, tokens: store.TokenSet) {
  return {
    session_id: row.id,
    moderator_url: `/polls/m/${tokens.moderator}`,
    viewer_url: `/polls/v/${tokens.viewer}`,
    overlay_url: `/polls/o/${tokens.overlay}`,
    run_id: row.runId,
    created_at: row.createdAt.toISOString(),
  };
}
