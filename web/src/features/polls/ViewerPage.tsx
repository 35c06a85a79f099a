/** `/polls/v/<token>/`: viewers vote (one ballot each, changeable until close) and see allowed results. */
import { useState } from 'preact/hooks';
import { FormError } from '../../components/Field.js';
import { useTitle, type PageProps } from '../../router/router.js';
import { share, usePoll, useViewerIdentity, type PollQuestion } from './poll-client.js';

function Ballot({
  q,
  mine,
  onVote,
}: {
  q: PollQuestion;
  mine: string[] | undefined;
  onVote: (choices: string[]) => void;
}) {
  const [picked, setPicked] = useState<string[]>(mine ?? []);
  const multiple = q.kind === 'multiple';
  const toggle = (a: string) =>
    setPicked((p) =>
      multiple ? (p.includes(a) ? p.filter((x) => x !== a) : [...p, a].slice(-q.max_choices)) : [a],
    );
  const total = q.answers.reduce((sum, a) => sum + (q.votes[a] ?? 0), 0);
  return (
    <form
      class="card form"
      data-question={q.id}
      onSubmit={(e) => {
        e.preventDefault();
        if (picked.length > 0) onVote(picked);
      }}
    >
      <fieldset class="stack stack-small" disabled={q.status !== 'open'}>
        <legend>{q.question}</legend>
        {q.answers.map((a) => (
          <label key={a}>
            <input
              type={multiple ? 'checkbox' : 'radio'}
              name={q.id}
              value={a}
              checked={picked.includes(a)}
              onChange={() => toggle(a)}
            />{' '}
            {a}
            {q.results_visible ? <span class="muted"> — {share(q.votes[a] ?? 0, total)}</span> : null}
          </label>
        ))}
        <button type="submit">{mine ? 'Change vote' : 'Vote'}</button>
      </fieldset>
      {mine ? <p role="status">Your vote is counted: {mine.join(', ')}</p> : null}
      {q.status === 'closed' ? <p>Voting is closed.</p> : null}
    </form>
  );
}

export function ViewerPage({ params }: PageProps) {
  useTitle('Vote');
  const token = params.token ?? '';
  const identity = useViewerIdentity(token);
  const { state, send } = usePoll(
    token,
    identity === undefined ? null : identity ? { viewer: identity } : {},
  );
  const published = state.questions.find((q) => q.id === state.published);
  const shown = published ? [published] : state.questions.filter((q) => q.status === 'open');
  return (
    <section class="page page-narrow" aria-labelledby="page-title">
      <h1 id="page-title">Live poll</h1>
      <FormError message={state.error} />
      {shown.length === 0 ? (
        <p class="empty">No question is open right now. This page updates when the host opens one.</p>
      ) : null}
      {shown.map((q) => (
        <Ballot
          key={`${q.id}:${q.round}`}
          q={q}
          mine={state.myBallots[q.id]}
          onVote={(answers) => send({ type: 'vote', question_id: q.id, answers })}
        />
      ))}
    </section>
  );
}
