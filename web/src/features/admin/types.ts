/** Shapes of the admin API's answers (see docs/spec/admin.md). */

export interface Page<T> {
  count: number;
  next: string | null;
  previous: string | null;
  results: T[];
}

/** A row of any admin list: the pages read the fields they show. */
export type Row = Record<string, unknown> & { id: string | number };

export const PAGE_SIZE = 20;

/** A short local date and time for a row's ISO timestamp. */
export function when(value: unknown): string {
  if (typeof value !== 'string') return '';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toLocaleString();
}

export const text = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);
