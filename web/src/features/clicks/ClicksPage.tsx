/** The click wall: one big button, an optional comment and colour, live counters and the feed. */
import { useState } from 'preact/hooks';
import { Link, useTitle } from '../../router/router.js';
import { styleColor, useClickWall } from './use-click-wall.js';

const NAME_KEY = 'clicks.name';
const COLORS = ['', 'green', 'purple', 'blue', 'yellow', 'fire'];

export function ClicksPage() {
  useTitle('Click wall');
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [comment, setComment] = useState('');
  const [color, setColor] = useState('');
  const { state, socket } = useClickWall(name || null);

  const saveName = (value: string) => {
    const trimmed = value.trim().slice(0, 15);
    setName(trimmed);
    localStorage.setItem(NAME_KEY, trimmed);
    if (trimmed) socket?.emit('auth', trimmed);
  };

  const click = () => {
    socket?.emit('click', { user: name || 'Gast', comment: comment.trim(), style: color });
    setComment('');
  };

  return (
    <section class="page" aria-labelledby="page-title">
      <h1 id="page-title">Click wall</h1>
      <p>
        <span data-testid="total">{state.total}</span> clicks in total,{' '}
        <span data-testid="today">{state.today}</span> today, <span data-testid="online">{state.online}</span>{' '}
        online{state.connected ? '' : ' (connecting…)'}. <Link href="/clicks/stats/">Statistics</Link>
      </p>
      <div class="card form">
        <label>
          Name{' '}
          <input
            data-testid="name"
            value={name}
            maxLength={15}
            onChange={(e) => saveName((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Comment{' '}
          <input
            data-testid="comment"
            value={comment}
            maxLength={75}
            onInput={(e) => setComment((e.target as HTMLInputElement).value)}
          />
        </label>
        <label>
          Colour{' '}
          <select value={color} onChange={(e) => setColor((e.target as HTMLSelectElement).value)}>
            {COLORS.map((c) => (
              <option key={c} value={c}>
                {c || 'default'}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          class="button button-block"
          data-testid="click"
          onClick={click}
          disabled={!state.connected}
        >
          Frustrated!
        </button>
      </div>
      <div class="toasts" aria-live="polite" data-testid="toasts">
        {state.toasts.map((t) => (
          <p key={t.id} class="notice">
            {t.text}
          </p>
        ))}
      </div>
      <ol data-testid="feed" class="click-feed">
        {state.clicks.map((c, i) => (
          <li key={`${c.timestamp}-${i}`} style={{ color: styleColor(c.style) }}>
            <strong>{c.user}</strong>
            {c.comment ? `: ${c.comment}` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}
