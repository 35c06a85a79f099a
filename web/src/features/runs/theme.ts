/**
 * Overlay theming from URL parameters (OBS browser sources are configured by URL): colours, font,
 * size, how many segments, which fields. Values are allow-listed so a URL cannot inject CSS.
 */

export const OVERLAY_FIELDS = ['game', 'run', 'segments', 'total', 'progress', 'pulls', 'status'] as const;
export type OverlayField = (typeof OVERLAY_FIELDS)[number];

export interface OverlayTheme {
  color: string;
  background: string;
  accent: string;
  font: string;
  size: number;
  limit: number;
  fields: Set<OverlayField>;
}

export const DEFAULT_THEME: OverlayTheme = {
  color: '#ffffff',
  background: 'transparent',
  accent: '#ffd166',
  font: 'system-ui',
  size: 24,
  limit: 10,
  fields: new Set(['game', 'run', 'segments', 'total', 'status']),
};

const COLOR =
  /^(#[0-9a-fA-F]{3,8}|[a-zA-Z]{3,20}|rgba?\(\s*\d{1,3}\s*,\s*\d{1,3}\s*,\s*\d{1,3}\s*(,\s*(0|1|0?\.\d+)\s*)?\))$/;
const FONT = /^[\w\s-]{1,40}$/;

function color(value: string | null, fallback: string): string {
  if (!value) return fallback;
  const v = /^[0-9a-fA-F]{3,8}$/.test(value) ? `#${value}` : value;
  return COLOR.test(v) ? v : fallback;
}

function int(value: string | null, min: number, max: number, fallback: number): number {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n >= min && n <= max ? n : fallback;
}

export function parseTheme(search: string): OverlayTheme {
  const q = new URLSearchParams(search);
  const fieldsParam = q.get('fields');
  const fields = fieldsParam
    ? new Set(
        fieldsParam
          .split(',')
          .filter((f): f is OverlayField => (OVERLAY_FIELDS as readonly string[]).includes(f)),
      )
    : DEFAULT_THEME.fields;
  const font = q.get('font');
  return {
    color: color(q.get('color'), DEFAULT_THEME.color),
    background: color(q.get('bg'), DEFAULT_THEME.background),
    accent: color(q.get('accent'), DEFAULT_THEME.accent),
    font: font && FONT.test(font) ? font : DEFAULT_THEME.font,
    size: int(q.get('size'), 8, 200, DEFAULT_THEME.size),
    limit: int(q.get('limit'), 1, 50, DEFAULT_THEME.limit),
    fields,
  };
}

/** The query string for a theme (the builder's output); defaults are left out. */
export function themeQuery(theme: OverlayTheme): string {
  const q = new URLSearchParams();
  if (theme.color !== DEFAULT_THEME.color) q.set('color', theme.color);
  if (theme.background !== DEFAULT_THEME.background) q.set('bg', theme.background);
  if (theme.accent !== DEFAULT_THEME.accent) q.set('accent', theme.accent);
  if (theme.font !== DEFAULT_THEME.font) q.set('font', theme.font);
  if (theme.size !== DEFAULT_THEME.size) q.set('size', String(theme.size));
  if (theme.limit !== DEFAULT_THEME.limit) q.set('limit', String(theme.limit));
  const fields = [...theme.fields].sort().join(',');
  if (fields !== [...DEFAULT_THEME.fields].sort().join(',')) q.set('fields', fields);
  const text = q.toString();
  return text ? `?${text}` : '';
}
