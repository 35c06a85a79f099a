/**
 * `ws/polls/<token>/`: the seed's frames (publish_question, unpublish_question, vote,
 * sync_questions, delete_question) plus Roomful's question controls and snapshots. An unknown
 * token is closed with 4102. Errors go to the sender only, in the seed's `{type:"error", error}`.
 */
import type { Endpoint } from '../../gateway/endpoint.js';
import type { Session } from '../../gateway/session.js';
import { CloseCode } from '../../protocol/close-codes.js';
import type { EphemeralStore } from '../../realtime/ephemeral.js';
import { AppError } from '../../server/errors.js';
import { frameSchemas, type Frame, type FrameType, type ModeratorAction } from './schemas.js';
import type { PollsService } from './service.js';
import * as store from './store.js';
import { topics } from './views.js';
import { vote, VoteRefused, type PollSocketState } from './voting.js';

const MODERATOR_ONLY = new Set<FrameType>([
  'publish_question',
  'unpublish_question',
  'delete_question',
  'close_question',
  'reopen_question',
  'reveal_results',
  'hide_results',
  'run_again',
  'start_countdown',
]);

const ACTIONS: Partial<Record<FrameType, ModeratorAction>> = {
  close_question: 'close',
  reopen_question: 'reopen',
  reveal_results: 'reveal',
  hide_results: 'hide',
  run_again: 'run_again',
  start_countdown: 'countdown',
};

const error = (session: Session, message: string) => session.send({ type: 'error', error: message });

function stateOf(session: Session): PollSocketState | undefined {
  return session.data.poll as PollSocketState | undefined;
}

export function pollsEndpoint(service: PollsService, ephemeral: EphemeralStore, nodeId: string): Endpoint {
  const { hub, identities, clock } = service.deps;

  async function snapshot(session: Session, state: PollSocketState): Promise<void> {
    const ballots = state.voter
      ? await store.voterBallots(service.deps.db, state.sessionId, state.voter)
      : new Map<string, string[]>();
    const session_ = await store.getSession(service.deps.db, state.sessionId);
    const questions = await service.questions(state.sessionId, state.role, new Set(ballots.keys()));
    session.send({
      type: 'snapshot',
      role: state.role,
      session_id: state.sessionId,
      published_question_id: session_?.publishedQuestionId ?? null,
      questions,
      my_ballots: Object.fromEntries(ballots),
      server_time: clock.now(),
      ...(state.role === 'moderator' ? { history: await service.history(state.sessionId) } : {}),
    });
  }

  return {
    name: 'polls',
    path: '/ws/polls/:token/',
    async open(session, request) {
      const cap = await service.resolve(session.params.token ?? '');
      if (!cap) {
        session.close(CloseCode.INVALID_CAPABILITY, 'unknown poll token');
        return;
      }
      const viewer = identities.verify(session.query.viewer);
      const state: PollSocketState = {
        sessionId: cap.sessionId,
        role: cap.role,
        voter: session.user ? `u:${session.user.id}` : viewer ? `v:${viewer}` : null,
        pageVoter: null,
        connectionVoter: `c:${nodeId}/${session.id}`,
        bucket: { tokens: service.deps.limits.connectionBurst, at: clock.now() },
        address: request.ip,
        votedTopics: new Set(),
      };
      session.data.poll = state;
      await hub.join(session, topics.all(cap.sessionId));
      if (cap.role === 'moderator') await hub.join(session, topics.moderators(cap.sessionId));
      if (cap.role === 'overlay') await hub.join(session, topics.overlays(cap.sessionId));
      if (state.voter) {
        const ballots = await store.voterBallots(service.deps.db, cap.sessionId, state.voter);
        for (const qid of ballots.keys()) {
          const topic = topics.voted(cap.sessionId, qid);
          state.votedTopics.add(topic);
          await hub.join(session, topic);
        }
      }
      // Wiperino's own pages expect no frame on connect; Roomful's pages ask for a snapshot.
      if (session.query.seq === '1' || session.query.snapshot === '1') await snapshot(session, state);
    },
    onInvalid(session, problem) {
      error(session, problem.kind === 'bad_json' ? 'Wrong JSON format' : problem.message);
    },
    async onFrame(session, raw) {
      const state = stateOf(session);
      if (!state) return;
      if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
        return error(session, 'Wrong JSON format');
      const type = (raw as { type?: unknown }).type;
      if (typeof type !== 'string' || !Object.hasOwn(frameSchemas, type)) return; // unknown types: ignored (seed)
      const known = type as FrameType;
      if (known === 'sync_questions' && state.role !== 'moderator') return; // silently ignored (seed)
      if (MODERATOR_ONLY.has(known) && state.role !== 'moderator') {
        return error(session, 'Only moderators can perform this action');
      }
      const parsed = frameSchemas[known].safeParse(raw);
      if (!parsed.success)
        return error(
          session,
          known === 'vote' || 'question_id' in (raw as object) ? 'Wrong JSON format' : 'Question not found',
        );
      try {
        await dispatch(session, state, known, parsed.data);
      } catch (err) {
        if (err instanceof VoteRefused) return error(session, err.message);
        if (err instanceof AppError) return error(session, String(err.toBody().error ?? err.message));
        throw err;
      }
    },
  };

  async function dispatch(
    session: Session,
    state: PollSocketState,
    type: FrameType,
    frame: unknown,
  ): Promise<void> {
    const sid = state.sessionId;
    switch (type) {
      case 'vote':
        return vote(service, ephemeral, session, state, frame as Frame<'vote'>);
      case 'publish_question':
        return service.publish(sid, (frame as Frame<'publish_question'>).question_id);
      case 'unpublish_question':
        return service.unpublish(sid);
      case 'sync_questions':
        return service.sync(sid);
      case 'delete_question':
        await service.deleteQuestion(sid, (frame as Frame<'delete_question'>).question_id);
        return;
      case 'snapshot':
        return snapshot(session, state);
      default: {
        const action = ACTIONS[type];
        if (!action) return;
        const f = frame as { question_id: string; seconds?: number };
        await service.act(sid, f.question_id, action, f.seconds);
      }
    }
  }
}
