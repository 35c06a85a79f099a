/**
 * Wire shapes of questions and tallies, and who may see a tally. The seed's clients read
 * `{id, question, answers, votes}`; Roomful adds its settings and state beside those keys.
 */
import type { QuestionRow, Tally } from './store.js';

/** A question as sent to clients; `votes` is `{}` where the reader may not see results. */
export interface QuestionView {
  id: string;
  question: string;
  answers: string[];
  votes: Record<string, number>;
  total: number | null;
  kind: QuestionRow['kind'];
  max_choices: number;
  visibility: QuestionRow['visibility'];
  revealed: boolean;
  status: QuestionRow['status'];
  closes_at: string | null;
  round: number;
  results_visible: boolean;
}

/** True when the deadline passed even if the sweep has not closed the row yet. */
export function isOpen(q: QuestionRow, now: number): boolean {
  return q.status === 'open' && (q.closesAt === null || q.closesAt.getTime() > now);
}

/** Everyone (viewers included) may see the tally. */
export function publicResults(q: QuestionRow, now: number): boolean {
  if (q.revealed || q.visibility === 'live') return true;
  if (q.visibility === 'after_vote' || q.visibility === 'after_close') return !isOpen(q, now);
  return false;
}

/**
 * The overlay shows what the stream audience may see: public results, and live results of an
 * "after vote" question (the audience watching the stream is the one voting).
 */
export function overlayResults(q: QuestionRow, now: number): boolean {
  return publicResults(q, now) || q.visibility === 'after_vote';
}

export function questionView(q: QuestionRow, tally: Tally | undefined, visible: boolean): QuestionView {
  const zero = Object.fromEntries(q.answers.map((a) => [a, 0]));
  return {
    id: q.id,
    question: q.question,
    answers: q.answers,
    votes: visible ? (tally?.votes ?? zero) : {},
    total: visible ? (tally?.ballots ?? 0) : null,
    kind: q.kind,
    max_choices: q.maxChoices,
    visibility: q.visibility,
    revealed: q.revealed,
    status: q.status,
    closes_at: q.closesAt ? q.closesAt.toISOString() : null,
    round: q.round,
    results_visible: visible,
  };
}

/** The seed's tally frame, plus totals and state. */
export function voteFrame(q: QuestionRow, tally: Tally, publishedId: string | null) {
  return {
    type: 'vote' as const,
    question_id: q.id,
    answers: q.answers,
    votes: tally.votes,
    total: tally.ballots,
    is_published: publishedId === q.id,
    status: q.status,
    round: q.round,
  };
}

/** Topics of a session: everyone, moderators, overlays, and the voters of an "after vote" question. */
export const topics = {
  all: (sid: string) => `polls:${sid}`,
  moderators: (sid: string) => `polls:${sid}:mod`,
  overlays: (sid: string) => `polls:${sid}:overlay`,
  voted: (sid: string, qid: string) => `polls:${sid}:voted:${qid}`,
};
