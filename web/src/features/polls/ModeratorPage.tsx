/** `/polls/m/<token>/`: the moderator's question queue, live tallies and controls, and exports. */
import { useState } from 'preact/hooks';
import { api } from '../../api/session.js';
import { FormError } from '../../components/Field.js';
import { Link, useTitle, type PageProps } from '../../router/router.js';
import { share, usePoll, type PollQuestion } from './poll-client.js';

function Tally({ q }: { q: PollQuestion }) {
  const total = q.answers.reduce((sum, a) => sum + (q.votes[a] ?? 0), 0);
  return (
    <ul class="poll-tally">
      {q.answers.map((a) => (
        <li key={a}>
          {a}: <strong>{share(q.votes[a] ?? 0, total)}</strong>
        </li>
      ))}
      <li>Ballots: {q.total ?? 0}</li>
    </ul>
  );
}

function AddQuestion({ token }: { token: string }) {
  const [question, setQuestion] = useState('');
  const [answers, setAnswers] = useState('');
  const [kind, setKind] = useState('single');
  const [max, setMax] = useState('2');
  const [visibility, setVisibility] = useState('live');
  const [error, setError] = useState<string | null>(null);
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const list = answers
        .split('\n')
        .map((a) => a.trim())
        .filter(Boolean);
      await api(`/api/polls/m/${token}/`, {
        method: 'POST',
        body: {
          question,
          answers: list,
          kind,
          visibility,
          ...(kind === 'multiple' ? { max_choices: Number(max) } : {}),
        },
      });
      setQuestion('');
      setAnswers('');
    } catch (err) {
      setError(err instanceof Error ? err.message : 'Could not add the question.');
    }
  };
  return (
    <form class="card form" aria-label="Add a question" onSubmit={(e) => void submit(e)}>
      <h2>Add a question</h2>
      <FormError message={error} />
      <label>
        Question{' '}
        <input
          value={question}
          maxLength={300}
          onInput={(e) => setQuestion(e.currentTarget.value)}
          required
        />
      </label>
      <label>
        Answers (one per line){' '}
        <textarea rows={4} value={answers} onInput={(e) => setAnswers(e.currentTarget.value)} />
      </label>
      <label>
        Choice{' '}
        <select value={kind} onChange={(e) => setKind(e.currentTarget.value)}>
          <option value="single">single</option>
          <option value="multiple">multiple</option>
        </select>
      </label>
      {kind === 'multiple' ? (
        <label>
          At most{' '}
          <input type="number" min={1} max={20} value={max} onInput={(e) => setMax(e.currentTarget.value)} />
        </label>
      ) : null}
      <label>
        Results{' '}
        <select value={visibility} onChange={(e) => setVisibility(e.currentTarget.value)}>
          <option value="live">live</option>
          <option value="after_vote">after voting</option>
          <option value="after_close">after close</option>
          <option value="hidden">hidden until revealed</option>
        </select>
      </label>
      <button type="submit">Add question</button>
    </form>
  );
}

export function ModeratorPage({ params }: PageProps) {
  useTitle('Poll moderator');
  const token = params.token ?? '';
  const { state, send } = usePoll(token);
  const [seconds, setSeconds] = useState('30');
  const act = (type: string, qid: string, extra: Record<string, unknown> = {}) =>
    send({ type, question_id: qid, ...extra });
  const remove = async (qid: string) => {
    await api(`/api/polls/m/${token}/delete/${qid}/`, { method: 'DELETE' }).catch(() => undefined);
  };
  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Poll moderator</h1>
      <p class="muted">
        Connection: {state.connection}. Export: <a href={`/api/polls/m/${token}/export/?format=csv`}>CSV</a>,{' '}
        <a href={`/api/polls/m/${token}/export/?format=xlsx`}>xlsx</a>.
      </p>
      <FormError message={state.error} />
      <AddQuestion token={token} />
      <h2 class="section">Questions</h2>
      <div class="actions">
        <button type="button" class="button-secondary" onClick={() => send({ type: 'sync_questions' })}>
          Send questions to viewers
        </button>
        <button type="button" class="button-secondary" onClick={() => send({ type: 'unpublish_question' })}>
          Unpublish
        </button>
        <label class="inline-control">
          Countdown seconds{' '}
          <input type="number" min={1} value={seconds} onInput={(e) => setSeconds(e.currentTarget.value)} />
        </label>
      </div>
      {state.questions.length === 0 ? (
        <p class="empty">No questions yet. Add one above; viewers see it once you publish it.</p>
      ) : null}
      <ol class="question-list">
        {state.questions.map((q) => (
          <li key={q.id} class="card" data-question={q.id}>
            <h2>
              {q.question} {state.published === q.id ? <span class="badge">on stream</span> : null}
            </h2>
            <p class="muted">
              {q.kind === 'multiple' ? `multiple, up to ${q.max_choices}` : 'single'}; results {q.visibility}
              {q.revealed ? ' (revealed)' : ''}; {q.status}
              {q.closes_at && q.status === 'open'
                ? ` until ${new Date(q.closes_at).toLocaleTimeString()}`
                : ''}
              ; round {q.round}
            </p>
            <Tally q={q} />
            <p class="actions">
              <button type="button" onClick={() => act('publish_question', q.id)}>
                Publish
              </button>
              {q.status === 'open' ? (
                <button type="button" onClick={() => act('close_question', q.id)}>
                  Close now
                </button>
              ) : (
                <button type="button" onClick={() => act('reopen_question', q.id)}>
                  Reopen
                </button>
              )}
              <button
                type="button"
                onClick={() => act('start_countdown', q.id, { seconds: Number(seconds) || 30 })}
              >
                Countdown
              </button>
              <button type="button" onClick={() => act(q.revealed ? 'hide_results' : 'reveal_results', q.id)}>
                {q.revealed ? 'Hide results' : 'Reveal results'}
              </button>
              <button type="button" onClick={() => act('run_again', q.id)}>
                Run again
              </button>
              <button type="button" class="button-danger" onClick={() => void remove(q.id)}>
                Delete
              </button>
            </p>
          </li>
        ))}
      </ol>
      <p>
        <Link href="/polls/create/">New session</Link>
      </p>
    </section>
  );
}
