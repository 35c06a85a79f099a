/**
 * Request schemas of the accounts routes. Messages are Django REST framework's own wording, because
 * the seeds' clients show them to users and their tests compare them. Every schema both validates and
 * documents (routes feed them to `jsonSchema` for OpenAPI).
 */
import { z, type ZodType } from 'zod';
import { AppError } from '../../server/errors.js';
import { parseInput } from '../../server/validate.js';

/** DRF's messages for a field that is absent, null or not a string. */
function typeMessage(issue: { input?: unknown }): string {
  if (issue.input === undefined) return 'This field is required.';
  if (issue.input === null) return 'This field may not be null.';
  return 'Not a valid string.';
}

const maxMessage = (max: number) => `Ensure this field has no more than ${max} characters.`;

/**
 * A DRF CharField: a string, trimmed unless `trim: false`, non-blank, at most `max` characters.
 * Checks abort on the first failure so a field gets one clear message, as in DRF.
 */
export function charField(max: number, options: { trim?: boolean } = {}) {
  const base = z.string({ error: typeMessage });
  const trimmed = options.trim === false ? base : base.trim();
  return trimmed
    .min(1, { error: 'This field may not be blank.', abort: true })
    .max(max, { error: maxMessage(max), abort: true });
}

/** Django's username rule: 150 characters of letters, digits and @/./+/-/_, NFKC-normalized first as Django does. */
export const usernameField = z
  .string({ error: typeMessage })
  .trim()
  .overwrite((s) => s.normalize('NFKC'))
  .min(1, { error: 'This field may not be blank.', abort: true })
  .max(150, { error: maxMessage(150), abort: true })
  .regex(/^[\p{L}\p{N}_.@+-]+$/u, {
    error: 'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
  });

/**
 * An email address, stored lower-cased: the unique constraint then also rejects case variants, and
 * lookups by email hit the index.
 */
export const emailField = charField(254)
  .pipe(z.email({ error: 'Enter a valid email address.' }))
  .transform((s) => s.toLowerCase());

/** Passwords are never trimmed; 128 characters bound the hashing work an attacker can ask for. */
export const passwordField = charField(128, { trim: false });

/** A display name: trimmed, non-blank, at most 50 characters (StreamIt's limit). */
export const displayNameField = charField(50);

/** Wiperino's `POST /api/register/`. */
export const wiperinoRegisterSchema = z.object({
  username: usernameField,
  email: emailField,
  password: passwordField,
  password2: passwordField,
});

/** Premium Chat Lobby's `POST /api/auth/register/` (email optional as on Django's AbstractUser). */
export const lobbyRegisterSchema = z.object({
  username: usernameField,
  email: z.union([z.literal('').transform(() => undefined), emailField]).optional(),
  password: passwordField,
  password_confirm: passwordField,
});

/** Login by username (Wiperino, lobbies) or by email (StreamIt); the service checks that one is given. */
export const loginSchema = z.object({
  username: charField(254).optional(),
  email: charField(254).optional(),
  password: passwordField,
});

export const refreshSchema = z.object({ refresh: charField(4096, { trim: false }) });

export const passwordResetRequestSchema = z.object({ email: emailField });

export const passwordResetConfirmSchema = z.object({
  uid: charField(256),
  token: charField(256),
  password: passwordField,
  password2: passwordField,
});

/** `PATCH /api/me/`: only these three fields change; anything else (is_premium, is_staff) is ignored. */
export const profilePatchSchema = z.object({
  username: usernameField.optional(),
  // An empty string or null clears the address (Django's EmailField is blank=True on users).
  email: z.union([z.literal('').transform(() => null), z.null(), emailField]).optional(),
  display_name: displayNameField.optional(),
});

const booleanField = z.boolean({
  error: (issue) => (issue.input === null ? 'This field may not be null.' : 'Must be a valid boolean.'),
});

/** Staff-only role changes. */
export const rolePatchSchema = z.object({
  is_premium: booleanField.optional(),
  is_staff: booleanField.optional(),
});

export const userListQuerySchema = z.object({
  search: z.string().max(150).optional(),
  page: z.string().max(12).optional(),
});

/** Documentation-only schema of the guest route (its errors have StreamIt's `{"error"}` shape). */
export const guestSchema = z.object({ display_name: z.string().max(50) });

/** The name of a JSON value's type, in Python's words as DRF reports it. */
function pythonTypeName(value: unknown): string {
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'string') return 'str';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int' : 'float';
  return typeof value;
}

/** True for a JSON object (not an array, not null). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A request body as an object: a missing or `null` body counts as `{}` (DRF then names each required
 * field); any other non-object answers DRF's "Expected a dictionary" 400.
 */
export function bodyObject(body: unknown): Record<string, unknown> {
  if (body === undefined || body === null) return {};
  if (isPlainObject(body)) return body;
  const message = `Invalid data. Expected a dictionary, but got ${pythonTypeName(body)}.`;
  throw new AppError(400, 'invalid', message, { non_field_errors: [message] });
}

/** Parses a request body with `schema`, after `bodyObject`'s check. */
export function parseBody<T extends ZodType>(schema: T, body: unknown): z.infer<T> {
  return parseInput(schema, bodyObject(body));
}
