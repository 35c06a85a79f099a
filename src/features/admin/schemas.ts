/**
 * Query and body schemas of the admin API. Queries arrive as strings; a repeated parameter (an
 * array) or a NUL byte (PostgreSQL refuses it in text) is a 400, never a database error.
 */
import { z } from 'zod';

const text = (max: number) =>
  z
    .string()
    .max(max, `Ensure this field has no more than ${max} characters.`)
    .refine((s) => !s.includes('\u0000'), 'Null characters are not allowed.');

/** `?page=&search=`, shared by every list. */
export const pageQuerySchema = z.object({
  page: z.string().optional(),
  search: text(200).optional(),
});

export const roomsQuerySchema = pageQuerySchema.extend({
  state: z.enum(['CREATED', 'LIVE', 'GRACE', 'EXPIRED', 'DELETED', '']).optional(),
});

export const roomEventsQuerySchema = pageQuerySchema.extend({
  room: text(64).optional(),
});

export const lobbiesQuerySchema = pageQuerySchema.extend({
  status: z.enum(['open', 'in_game', 'closed', '']).optional(),
});

export const lobbyEventsQuerySchema = pageQuerySchema.extend({
  lobby: z
    .string()
    .regex(/^\d{1,9}$/, 'A lobby id is a positive integer.')
    .optional()
    .or(z.literal('')),
});

export const runsQuerySchema = pageQuerySchema.extend({
  mode: z.enum(['WIPECOUNTER', 'SPEEDRUN', '']).optional(),
  finished: z.enum(['true', 'false', '1', '0', '']).optional(),
});

export const auditQuerySchema = pageQuerySchema.extend({
  action: text(50).optional(),
});

/** `POST /api/admin/rooms/<id>/close/`: `delete` (the host's delete) or `expire` (the grace expiry). */
export const closeRoomSchema = z.object({
  mode: z.enum(['delete', 'expire']).default('delete'),
});

/** `PATCH /api/admin/lobbies/<id>/`. */
export const lobbyPatchSchema = z.object({
  status: z.enum(['open', 'in_game', 'closed']),
});
