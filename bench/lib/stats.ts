/** Small number helpers shared by the scenarios: percentiles, rounding, markdown tables. */

/** The p-th percentile (0-100) of the first `count` values, nearest-rank; sorts that part in place. */
export function percentiles(values: Float64Array, count: number, ps: number[]): number[] {
  if (count === 0) return ps.map(() => Number.NaN);
  const sorted = values.subarray(0, count).sort();
  return ps.map(
    (p) => sorted[Math.min(count - 1, Math.max(0, Math.ceil((p / 100) * count) - 1))] ?? Number.NaN,
  );
}

/** Rounds to `digits` decimals (NaN stays NaN, shown as "-" by `cell`). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A table cell: numbers with thousands separators, NaN and null as "-". */
export function cell(value: number | string | null, digits = 2): string {
  if (value === null) return '-';
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return '-';
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}

/** A GitHub-flavoured markdown table; numeric-looking columns are right-aligned. */
export function markdownTable(header: string[], rows: string[][]): string {
  const align = header.map((_, i) => (i === 0 ? ':--' : '--:'));
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}
