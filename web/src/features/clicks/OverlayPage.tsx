/**
 * OBS overlay of the click wall (`bare` route: transparent, no header, no dialogs): the counters and
 * the latest clicks, which fade out. URL parameters: `color`, `size` (px), `max` (clicks shown).
 */
import { useQueryParam, useTitle } from '../../router/router.js';
import { styleColor, useClickWall } from './use-click-wall.js';

export function ClicksOverlayPage() {
  useTitle('Click wall overlay');
  const color = useQueryParam('color') ?? '#fff';
  const size = Number(useQueryParam('size') ?? 28) || 28;
  const max = Math.min(20, Number(useQueryParam('max') ?? 6) || 6);
  const { state } = useClickWall(null);
  return (
    <div
      data-testid="clicks-overlay"
      style={{
        color,
        fontSize: `${size}px`,
        background: 'transparent',
        textShadow: '0 0 4px #000',
        padding: '8px',
      }}
    >
      <div>
        <strong data-testid="overlay-today">{state.today}</strong> today ·{' '}
        <strong data-testid="overlay-total">{state.total}</strong> total
      </div>
      <ul style={{ listStyle: 'none', margin: 0, padding: 0, fontSize: '0.7em' }}>
        {state.clicks.slice(0, max).map((c, i) => (
          <li
            key={`${c.timestamp}-${i}`}
            style={{ color: styleColor(c.style) ?? color, opacity: 1 - i / (max + 1) }}
          >
            {c.user}
            {c.comment ? `: ${c.comment}` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
