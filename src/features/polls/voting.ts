/**
 * A vote from a socket: resolve the voter, check the answer and the limits, store the ballot through
 * the batch writer, and confirm it to the sender only once stored. One ballot per voter per question
 * per round: a later vote from the same voter replaces the ballot (the vote moves).
 */
import type { Session } from '../../gateway/session.js';
import type { EphemeralStore } from '../../realtime/ephemeral.js';
import { isLoopback, takeToken } from './limits.js';
import type { Frame } from './schemas.js';
import type { PollsService } from './service.js';
import { isOpen, topics } from './views.js';
import type { Role } from './capabilities.js';

/** What the socket endpoint keeps per connection. */
export interface PollSocketState {
  sessionId: string;
  role: Role;
  /** `u:<user>` or `v:<viewer id>` when known at connect time. */
  voter: string | null;
  /** The page's `voter_id`, bound to the connection by its first vote. */
  pageVoter: string | null;
  /** Fallback identity: this connection. */
  connectionVoter: string;
  bucket: { tokens: number; at: number };
  address: string;
  /** "After vote" questions whose tally topic this socket joined. */
  votedTopics: Set<string>;
}

export class VoteRefused extends Error {}

/** The answers a vote frame names: `answers: [...]`, or `answer` as a string or a list. */
function chosen(frame: Frame<'vote'>): string[] {
  if (frame.answers) return frame.answers;
  if (Array.isArray(frame.answer)) return frame.answer;
  return frame.answer === undefined ? [] : [frame.answer];
}

export async function vote(
  service: PollsService,
  ephemeral: EphemeralStore,
  session: Session,
  state: PollSocketState,
  frame: Frame<'vote'>,
): Promise<void> {
  const { clock, limits, hub } = service.deps;
  const q = await service.cachedQuestion(state.sessionId, frame.question_id);
  if (!q) throw new VoteRefused('Question not found');
  const picked = [...new Set(chosen(frame).map((a) => (q.answers.includes(a) ? a : a.trim())))];
  if (picked.length === 0 || picked.some((a) => !q.answers.includes(a)))
    throw new VoteRefused('Answer not found');
  if (picked.length > q.maxChoices) {
    throw new VoteRefused(
      q.kind === 'single' ? 'Only one answer allowed' : `Choose at most ${q.maxChoices} answers`,
    );
  }
  const now = clock.now();
  if (!isOpen(q, now)) throw new VoteRefused('Voting is closed');

  // One page identity per connection: a socket cannot vote as many voter_ids. The id is bound only
  // once a vote with it is stored, so a refused vote leaves the connection as it was.
  let pageVoter = state.pageVoter;
  if (!state.voter && frame.voter_id) {
    if (pageVoter && pageVoter !== frame.voter_id)
      throw new VoteRefused('voter_id cannot change on a connection');
    pageVoter = frame.voter_id;
  }
  const voter = state.voter ?? (pageVoter ? `p:${pageVoter}` : state.connectionVoter);

  if (!takeToken(state.bucket, limits, now)) throw new VoteRefused('Too many votes, slow down');
  if (limits.perAddressPerMinute > 0 && (limits.limitLoopback || !isLoopback(state.address))) {
    const hit = await ephemeral.hit(`polls:addr:${state.address}`, {
      limit: limits.perAddressPerMinute,
      windowMs: 60_000,
    });
    if (!hit.allowed) throw new VoteRefused('Too many votes from this address, slow down');
  }

  let outcome;
  try {
    outcome = await service.writer.write({ questionId: q.id, voter, choices: picked });
  } catch (err) {
    service.deps.log.error({ err }, 'ballot write failed');
    throw new VoteRefused('Vote not stored, try again');
  }
  if (outcome === 'closed') throw new VoteRefused('Voting is closed');
  if (!state.voter) state.pageVoter = pageVoter;
  session.send({ type: 'ballot', question_id: q.id, choices: picked, round: q.round, status: 'counted' });
  if (q.visibility === 'after_vote') {
    const topic = topics.voted(state.sessionId, q.id);
    if (!state.votedTopics.has(topic)) {
      state.votedTopics.add(topic);
      await hub.join(session, topic);
      service.pusher.mark(state.sessionId, q.id); // this voter now sees the tally
    }
  }
}
