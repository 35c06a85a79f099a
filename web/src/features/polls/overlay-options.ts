/** URL parameters of the poll overlay (read by the overlay, written by the builder). Pure. */
export interface OverlayOptions {
  /** Bar colour (any CSS colour). */
  color: string;
  /** Text colour. */
  text: string;
  font: string;
  /** Font size in px. */
  size: number;
  /** Show percentages in the labels. */
  pct: boolean;
  /** Show the total number of ballots. */
  total: boolean;
  /** `bar`: horizontal bars (Wiperino's overlay); `column`: vertical bars. */
  chart: 'bar' | 'column';
  /** Show the question above the chart. */
  title: boolean;
}

export const DEFAULT_OVERLAY: OverlayOptions = {
  color: 'rgba(75,192,192,0.7)',
  text: '#ffffff',
  font: 'sans-serif',
  size: 20,
  pct: true,
  total: false,
  chart: 'bar',
  title: true,
};

const SAFE_TEXT = /^[#(),.%\w\s-]{1,60}$/;

export function readOverlayOptions(search: string): OverlayOptions {
  const q = new URLSearchParams(search);
  const text = (name: string, fallback: string) => {
    const v = q.get(name);
    return v && SAFE_TEXT.test(v) ? v : fallback;
  };
  const flag = (name: string, fallback: boolean) =>
    q.has(name) ? q.get(name) === '1' || q.get(name) === 'true' : fallback;
  const size = Number(q.get('size'));
  return {
    color: text('color', DEFAULT_OVERLAY.color),
    text: text('text', DEFAULT_OVERLAY.text),
    font: text('font', DEFAULT_OVERLAY.font),
    size: Number.isFinite(size) && size >= 8 && size <= 96 ? size : DEFAULT_OVERLAY.size,
    pct: flag('pct', DEFAULT_OVERLAY.pct),
    total: flag('total', DEFAULT_OVERLAY.total),
    chart: q.get('chart') === 'column' ? 'column' : 'bar',
    title: flag('title', DEFAULT_OVERLAY.title),
  };
}

export function overlayQuery(options: OverlayOptions): string {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(options) as [keyof OverlayOptions, unknown][]) {
    if (value === DEFAULT_OVERLAY[key]) continue;
    q.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Wiperino's label: `answer (n, p%)`, or `answer (n)` without percentages. */
export function barLabel(answer: string, n: number, total: number, pct: boolean): string {
  if (!pct) return `${answer} (${n})`;
  return `${answer} (${n}, ${total === 0 ? '0.0' : ((n / total) * 100).toFixed(1)}%)`;
}
