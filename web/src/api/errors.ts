/**
 * Turns the error bodies the server (and the seeds it copies) send into readable messages. Shapes:
 * `{"detail": "..."}` (DRF, Fastify), `{"error": "..."}` (StreamIt, SyncPlay), `{"message": "..."}`,
 * and DRF validation errors `{"field": ["msg", ...], "non_field_errors": ["msg"]}`, possibly nested.
 */

/** Field name -> messages; `non_field_errors` and `detail` are kept under their own keys. */
export type FieldErrors = Record<string, string[]>;

/** An HTTP call that did not succeed: the status, the parsed body, and a sentence for people. */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    message: string,
    readonly body: unknown = null,
    readonly fieldErrors: FieldErrors = {},
  ) {
    super(message);
  }

  /** Machine code from `{code}` bodies, when present. */
  get code(): string | undefined {
    const code = isRecord(this.body) ? this.body.code : undefined;
    return typeof code === 'string' ? code : undefined;
  }
}

/** Keys whose messages concern the whole request, most specific first. */
const GENERAL_KEYS_BY_PRIORITY = ['non_field_errors', 'detail', 'error', 'message', 'errors'] as const;
const GENERAL_KEYS: ReadonlySet<string> = new Set(GENERAL_KEYS_BY_PRIORITY);
/** Keys that describe the error rather than carry a message. */
const META_KEYS = new Set(['code', 'status', 'status_code', 'retry_after', 'success', 'type']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Every string inside a value (strings, arrays of strings, nested objects), in order. */
function texts(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (typeof value === 'number' || typeof value === 'boolean') return [String(value)];
  if (Array.isArray(value)) return value.flatMap(texts);
  if (isRecord(value)) return Object.values(value).flatMap(texts);
  return [];
}

/** DRF-style field errors from a body (`detail`/`error` objects are unwrapped). */
export function fieldErrorsOf(body: unknown): FieldErrors {
  if (!isRecord(body)) return {};
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries(body)) {
    if (META_KEYS.has(key)) continue;
    if ((key === 'error' || key === 'detail' || key === 'errors') && isRecord(value)) {
      Object.assign(errors, fieldErrorsOf(value));
      continue;
    }
    const messages = texts(value);
    if (messages.length > 0) errors[key] = messages;
  }
  return errors;
}

/** `password2` -> `Password2`, `display_name` -> `Display name`. */
export function humanizeField(field: string): string {
  const spaced = field.replace(/_/g, ' ').trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function statusMessage(status: number): string {
  if (status === 0) return 'Could not reach the server. Check your connection and try again.';
  if (status === 400) return 'The request was not accepted.';
  if (status === 401) return 'Please sign in.';
  if (status === 403) return 'You do not have permission to do this.';
  if (status === 404) return 'Not found.';
  if (status === 409) return 'This conflicts with the current state.';
  if (status === 413) return 'That is too large.';
  if (status === 429) return 'Too many requests. Please wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Please try again.';
  return `Request failed (${status}).`;
}

/** One readable sentence (or a few, joined) for an error response. */
export function errorMessage(status: number, body: unknown): string {
  if (typeof body === 'string') {
    const text = body.trim();
    // An HTML error page or a long blob is not a message for people.
    return text && text.length <= 300 && !text.startsWith('<') ? text : statusMessage(status);
  }
  const fields = fieldErrorsOf(body);
  // Bodies that answer several seeds at once repeat one message under several keys
  // (`{detail, error}`): say it once, from the first general key present.
  const generalKey = GENERAL_KEYS_BY_PRIORITY.find((key) => fields[key]);
  const parts: string[] = generalKey ? [...(fields[generalKey] ?? [])] : [];
  for (const [key, messages] of Object.entries(fields)) {
    if (GENERAL_KEYS.has(key)) continue;
    parts.push(...messages.map((message) => `${humanizeField(key)}: ${message}`));
  }
  const unique = [...new Set(parts)];
  return unique.length > 0 ? unique.join(' ') : statusMessage(status);
}
