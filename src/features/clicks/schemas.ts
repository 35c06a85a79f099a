/**
 * Inbound Socket.IO payloads and the wire shapes of the click wall. Strings are trimmed, `""`
 * becomes null for optional fields (as the seed did), lengths follow the seed's columns (names 15,
 * comments and event names 75), and styles are filtered through an allow-list of the CSS classes the
 * front end knows, so a client cannot inject arbitrary class names into everyone's page.
 */
import { z } from 'zod';

export const NAME_MAX = 15;
export const COMMENT_MAX = 75;
export const EVENT_NAME_MAX = 75;

/** Colour and decoration classes of the frustrated-physicists front end (its slash commands). */
export const STYLE_CLASSES: ReadonlySet<string> = new Set([
  'green',
  'purple',
  'blue',
  'yellow',
  'black',
  'white',
  'fancy',
  'small',
  'medium',
  'big',
  'dotted',
  'dashed',
  'highlight',
  'fire',
]);

/** Keeps only allow-listed classes, each once, in the order given; null when none is left. */
export function filterStyle(style: string | null | undefined): string | null {
  if (!style) return null;
  const kept: string[] = [];
  for (const token of style.split(/\s+/))
    if (STYLE_CLASSES.has(token) && !kept.includes(token)) kept.push(token);
  return kept.length > 0 ? kept.join(' ') : null;
}

/** Drops control characters (newlines, bidi overrides stay out of toasts), then trims. */
function clean(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, '').trim();
}

const name = z
  .string()
  .max(200)
  .transform(clean)
  .pipe(z.string().min(1, 'name is empty').max(NAME_MAX, `name is longer than ${NAME_MAX}`));

const optionalText = (max: number) =>
  z
    .string()
    .max(max * 4)
    .transform(clean)
    .pipe(z.string().max(max, `longer than ${max}`))
    .nullish()
    .transform((v) => (v ? v : null));

/** `auth(name)`. */
export const authSchema = name;

/** `click({user, comment?, style?})`. */
export const clickSchema = z.object({
  user: name,
  comment: optionalText(COMMENT_MAX),
  style: z
    .string()
    .max(200)
    .nullish()
    .transform((v) => filterStyle(v)),
});

/** `event({user, name})`. */
export const eventSchema = z.object({
  user: name,
  name: z
    .string()
    .max(EVENT_NAME_MAX * 4)
    .transform(clean)
    .pipe(z.string().min(1).max(EVENT_NAME_MAX)),
});

export type ClickInput = z.infer<typeof clickSchema>;
export type EventInput = z.infer<typeof eventSchema>;

/** Server -> client payloads, exactly the seed's field names. */
export interface ClickPayload {
  user: string;
  comment: string | null;
  style: string | null;
  timestamp: number;
}
export interface EventPayload {
  user: string;
  name: string;
  timestamp: number;
}
export interface StatsPayload {
  click_count_total: number;
  click_count_today: number;
}
export interface MessagePayload {
  text: string;
  style: string | null;
  type: 'toast' | 'popup';
}
export interface HourPayload {
  timestamp: number;
  click_count: number;
  event_count: number;
}
export interface UserPayload {
  name: string;
  click_count: number;
  event_count: number;
}
export interface OnlineUserPayload {
  name: string | null;
  click_count_session: number;
  event_count_session: number;
}
