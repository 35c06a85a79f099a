/**
 * Request bodies and socket frames of the lobbies module (zod), with DRF's field messages and the
 * seed's own ("Lobby name must be at least 3 characters long", ...), so errors keep the seed's
 * `{"field": ["message"]}` shape.
 */
import { z } from 'zod';

export const STATUSES = ['open', 'in_game', 'closed'] as const;
export type LobbyStatus = (typeof STATUSES)[number];
export const NAME_MAX = 100;
export const CONTENT_MAX = 2000;
export const REASON_MAX = 500;

const REQUIRED = 'This field is required.';
const required = (otherwise: string) => (issue: { input: unknown }) =>
  issue.input === undefined || issue.input === null ? REQUIRED : otherwise;

const nameField = z
  .string({ error: required('Not a valid string.') })
  .max(NAME_MAX, `Ensure this field has no more than ${NAME_MAX} characters.`)
  .transform((s) => s.trim())
  .refine((s) => s.length >= 3, 'Lobby name must be at least 3 characters long');

/** DRF's BooleanField: booleans and their usual spellings in forms and query strings. */
const booleanField = z.preprocess(
  (v) => {
    if (typeof v === 'string') {
      const low = v.trim().toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(low)) return true;
      if (['false', '0', 'no', 'off'].includes(low)) return false;
    }
    if (v === 1) return true;
    if (v === 0) return false;
    return v;
  },
  z.boolean({ error: 'Must be a valid boolean.' }),
);

const maxParticipantsField = z
  .preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: required('A valid integer is required.') }).int('A valid integer is required.'),
  )
  .refine((n) => n >= 2 && n <= 50, 'Max participants must be between 2 and 50');

const statusField = z
  .string({ error: required('Not a valid string.') })
  .refine((s): s is LobbyStatus => (STATUSES as readonly string[]).includes(s), {
    error: (issue) => `"${String(issue.input)}" is not a valid choice.`,
  });

export const createLobbySchema = z.object({
  name: nameField,
  is_public: booleanField.optional(),
  max_participants: maxParticipantsField.optional(),
});

/** PUT needs the name (DRF's full update); PATCH takes any subset. */
export const updateLobbySchema = z.object({
  name: nameField.optional(),
  status: statusField.optional(),
  max_participants: maxParticipantsField.optional(),
  is_public: booleanField.optional(),
});

const userIdField = z
  .string({ error: required('Must be a valid UUID.') })
  .trim()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'Must be a valid UUID.')
  .transform((s) => s.toLowerCase());

export const targetSchema = z.object({ user_id: userIdField });

export const moderationSchema = z.object({
  user_id: userIdField,
  reason: z
    .string({ error: 'Not a valid string.' })
    .max(REASON_MAX, `Ensure this field has no more than ${REASON_MAX} characters.`)
    .optional(),
});

export const messageSchema = z.object({
  content: z
    .string({ error: required('Not a valid string.') })
    .transform((s) => s.trim())
    .refine((s) => s.length > 0, 'Message cannot be empty')
    .refine((s) => s.length <= CONTENT_MAX, `Ensure this field has no more than ${CONTENT_MAX} characters.`),
});

export const listQuerySchema = z.object({
  public: z.string().optional(),
  status: z.string().optional(),
  search: z.string().optional(),
  page: z.string().optional(),
});

/** A lobby id from the path: digits that fit a PostgreSQL integer, else null (404). */
export function lobbyIdOf(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,10}$/.test(raw)) return null;
  const id = Number(raw);
  return id >= 1 && id <= 2_147_483_647 ? id : null;
}

export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
