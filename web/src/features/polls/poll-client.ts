/**
 * Shared pieces of the poll pages: wire types, the socket hook (snapshot + live frames through
 * RealtimeClient, which reconnects forever), and the browser's signed viewer identity.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, auth } from '../../api/session.js';
import { RealtimeClient, type RealtimeState } from '../../realtime/client.js';

export interface PollQuestion {
  id: string;
  question: string;
  answers: string[];
  votes: Record<string, number>;
  total: number | null;
  kind: 'single' | 'multiple';
  max_choices: number;
  visibility: 'live' | 'after_vote' | 'after_close' | 'hidden';
  revealed: boolean;
  status: 'open' | 'closed';
  closes_at: string | null;
  round: number;
  results_visible: boolean;
}

export type PollFrame =
  | {
      type: 'snapshot';
      role: string;
      published_question_id: string | null;
      questions: PollQuestion[];
      my_ballots: Record<string, string[]>;
    }
  | { type: 'publish_question'; question_id: string; question_data: PollQuestion }
  | { type: 'unpublish_question' }
  | { type: 'new_question'; question: PollQuestion }
  | { type: 'delete_question'; question_id: string }
  | { type: 'question_state'; question_id: string; question: PollQuestion }
  | {
      type: 'vote';
      question_id: string;
      votes: Record<string, number>;
      total: number;
      status: string;
      round: number;
    }
  | { type: 'ballot'; question_id: string; choices: string[] }
  | { type: 'error'; error: string }
  | { type: 'session_deleted' };

export interface PollState {
  questions: PollQuestion[];
  published: string | null;
  myBallots: Record<string, string[]>;
  error: string | null;
  connection: RealtimeState['status'];
}

/** Applies one frame to the page state (pure). */
export function applyFrame(state: PollState, frame: PollFrame): PollState {
  const upsert = (q: PollQuestion, keepVotes: boolean) => {
    const old = state.questions.find((x) => x.id === q.id);
    const merged =
      keepVotes && old && !q.results_visible
        ? { ...q, votes: old.votes, total: old.total, results_visible: old.results_visible }
        : q;
    return old ? state.questions.map((x) => (x.id === q.id ? merged : x)) : [...state.questions, merged];
  };
  switch (frame.type) {
    case 'snapshot':
      return {
        ...state,
        questions: frame.questions,
        published: frame.published_question_id,
        myBallots: frame.my_ballots,
        error: null,
      };
    case 'publish_question':
      return { ...state, published: frame.question_id, questions: upsert(frame.question_data, true) };
    case 'unpublish_question':
      return { ...state, published: null };
    case 'new_question':
      return { ...state, questions: upsert(frame.question, true) };
    case 'question_state': {
      // A new round ("run again") starts without this viewer's ballot.
      const old = state.questions.find((x) => x.id === frame.question_id);
      const myBallots = { ...state.myBallots };
      if (old && old.round !== frame.question.round) delete myBallots[frame.question_id];
      return {
        ...state,
        myBallots,
        questions: upsert(frame.question, !(old && old.round !== frame.question.round)),
      };
    }
    case 'delete_question':
      return {
        ...state,
        questions: state.questions.filter((q) => q.id !== frame.question_id),
        published: state.published === frame.question_id ? null : state.published,
      };
    case 'vote':
      return {
        ...state,
        questions: state.questions.map((q) =>
          q.id === frame.question_id && q.round <= frame.round
            ? { ...q, votes: frame.votes, total: frame.total, round: frame.round, results_visible: true }
            : q,
        ),
      };
    case 'ballot':
      return { ...state, myBallots: { ...state.myBallots, [frame.question_id]: frame.choices }, error: null };
    case 'error':
      return { ...state, error: frame.error };
    case 'session_deleted':
      return { ...state, questions: [], published: null, error: 'This poll session was deleted.' };
    default:
      return state;
  }
}

const empty: PollState = {
  questions: [],
  published: null,
  myBallots: {},
  error: null,
  connection: 'connecting',
};

/** Connects to `ws/polls/<token>/` and keeps the page state; returns it and a send function. */
export function usePoll(token: string, query: Record<string, string> | null = {}) {
  const [state, setState] = useState<PollState>(empty);
  const client = useRef<RealtimeClient<PollFrame, Record<string, unknown>> | null>(null);
  const key = query === null ? null : JSON.stringify(query);
  useEffect(() => {
    if (key === null) return undefined;
    const c = new RealtimeClient<PollFrame, Record<string, unknown>>(
      `/ws/polls/${encodeURIComponent(token)}/`,
      {
        token: () => auth.accessToken(),
        query: { ...(JSON.parse(key) as Record<string, string>), snapshot: 1 },
        onFrame: (frame) => setState((s) => applyFrame(s, frame)),
        onState: (st) => setState((s) => ({ ...s, connection: st.status })),
      },
    );
    client.current = c;
    return () => c.close();
  }, [token, key]);
  const send = (frame: Record<string, unknown>) => client.current?.send(frame);
  return { state, send, serverNow: () => client.current?.serverNow() ?? Date.now() };
}

const IDENTITY_KEY = 'roomful.pollViewer';

/** The browser's signed viewer identity, asked once from the server and kept in localStorage. */
export function useViewerIdentity(token: string): string | null | undefined {
  const [identity, setIdentity] = useState<string | null | undefined>(
    () => localStorage.getItem(IDENTITY_KEY) ?? undefined,
  );
  useEffect(() => {
    if (identity !== undefined) return;
    api<{ viewer: string }>(`/api/polls/v/${encodeURIComponent(token)}/identity/`, { method: 'POST' }).then(
      (r) => {
        localStorage.setItem(IDENTITY_KEY, r.viewer);
        setIdentity(r.viewer);
      },
      () => setIdentity(null),
    );
  }, [token, identity]);
  return identity;
}

/** `n (p%)` with one decimal as Wiperino's overlay. */
export function share(n: number, total: number): string {
  return `${n} (${total === 0 ? '0.0' : ((n / total) * 100).toFixed(1)}%)`;
}
