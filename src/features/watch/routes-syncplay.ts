/**
 * SyncPlay's REST paths, answering `{status:"success"|"error", ...}`. SPEC fixes: only the host
 * controls playback, and REST control and change-video reach connected clients of both dialects.
 * A StreamIt user may call control and change-video with the Bearer JWT instead of `user_id`.
 */
import { eq } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { optionalUser } from '../accounts/auth.js';
import type { AppContext } from '../../server/context.js';
import { AppError, fieldErrors } from '../../server/errors.js';
import { jsonSchema } from '../../server/validate.js';
import { users } from '../../storage/schema/index.js';
import type { ZodType } from 'zod';
import { presenceTopic, type WatchLive } from './live.js';
import { applyPlayback } from './playback.js';
import { mediaFromUrl, ProviderError } from './providers.js';
import { changeVideoSchema, controlSchema, leaveSchema } from './schemas.js';
import {
  deleteParticipant,
  findParticipant,
  findRoom,
  findRoomById,
  latestEvents,
  listRoomsInState,
  logEvent,
  type RoomRow,
} from './store.js';
import { roomDict } from './views.js';
import { memberView } from './live.js';

const tags = ['watch (SyncPlay)'];
const fail = (status: number, message: string) =>
  new AppError(status, 'watch', message, { status: 'error', message });

function parse<T>(schema: ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body ?? {});
  if (!parsed.success)
    throw new AppError(400, 'invalid', 'Invalid input.', {
      status: 'error',
      errors: fieldErrors(parsed.error),
    });
  return parsed.data;
}

async function roomOr404(ctx: AppContext, request: FastifyRequest): Promise<RoomRow> {
  const room = await findRoomById(ctx.database.db, (request.params as { roomId: string }).roomId);
  if (!room) throw fail(404, 'Room not found');
  return room;
}

/**
 * The acting member: `user_id` from the body, or the Bearer user when the body has none. SyncPlay's
 * account-less ids (and its guest hosts) act by id alone, as its clients do; but an id naming a
 * registered account needs that account's Bearer token, since ids are public (`host_id`, `users`).
 */
async function actorId(ctx: AppContext, request: FastifyRequest): Promise<string | undefined> {
  const body = request.body as Record<string, unknown> | undefined;
  if (body && typeof body.user_id === 'string' && body.user_id) {
    const claimed = body.user_id;
    if (await isRegisteredAccount(ctx, claimed)) {
      const user = await optionalUser(ctx, request);
      if (user?.id !== claimed) throw fail(403, 'Authentication required to act as this user');
    }
    return claimed;
  }
  return (await optionalUser(ctx, request))?.id;
}

async function isRegisteredAccount(ctx: AppContext, id: string): Promise<boolean> {
  if (!UUID_RE.test(id)) return false;
  const [row] = await ctx.database.db
    .select({ isGuest: users.isGuest })
    .from(users)
    .where(eq(users.id, id.toLowerCase()))
    .limit(1);
  return row !== undefined && !row.isGuest;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function registerSyncplayRoutes(app: FastifyInstance, ctx: AppContext, live: WatchLive): void {
  app.get(
    '/api/rooms/',
    { schema: { tags, summary: 'Rooms with someone active in the last hour' } },
    async () => {
      const cutoff = ctx.clock.now() - 3600_000;
      const candidates = (await listRoomsInState(ctx.database.db, ['CREATED', 'LIVE', 'GRACE'])).filter(
        (r) => !r.isPrivate,
      );
      const active = await Promise.all(
        candidates.map(
          async (r) =>
            r.lastActivityAt.getTime() >= cutoff ||
            (await ctx.realtime.presence.count(presenceTopic(r.id))) > 0,
        ),
      );
      const rooms = await Promise.all(candidates.filter((_, i) => active[i]).map((r) => roomDict(ctx, r)));
      return { status: 'success', rooms, count: rooms.length };
    },
  );

  app.get(
    '/api/rooms/:roomId/',
    { schema: { tags, summary: 'Room details (by id or code)' } },
    async (request) => {
      const { roomId } = request.params as { roomId: string };
      const room = await findRoom(ctx.database.db, roomId);
      if (!room) throw fail(404, 'Room not found');
      return {
        status: 'success',
        room: {
          ...(await roomDict(ctx, room)),
          state: room.state,
          is_private: room.isPrivate,
          entry_mode: room.entryMode,
          is_chat_enabled: room.isChatEnabled,
          allow_succession: room.allowSuccession,
          media: {
            provider: room.videoProvider,
            id: room.videoId,
            url: room.mediaUrl,
            title: room.mediaTitle,
          },
        },
      };
    },
  );

  app.delete(
    '/api/rooms/:roomId/leave/',
    { schema: { tags, summary: 'Leave a room', body: jsonSchema(leaveSchema) } },
    async (request) => {
      const room = await roomOr404(ctx, request);
      const userId = await actorId(ctx, request);
      if (!userId) throw fail(400, 'User ID required');
      const participant = await findParticipant(ctx.database.db, room.id, userId);
      if (!participant || !(await deleteParticipant(ctx.database.db, room.id, userId)))
        throw fail(404, 'User not found in this room');
      await logEvent(ctx.database.db, room.id, userId, 'leave', {}, new Date(ctx.clock.now()));
      await live.publish(room.id, { kind: 'left', member: memberView(participant, room.hostId, false) });
      await live.closeSockets(room.id, 1000, 'left', userId);
      return { status: 'success', message: 'Left room successfully' };
    },
  );

  app.post(
    '/api/rooms/:roomId/control/',
    { schema: { tags, summary: 'Host play/pause/seek', body: jsonSchema(controlSchema) } },
    async (request) => {
      const room = await roomOr404(ctx, request);
      const body = { ...((request.body as object | null) ?? {}), user_id: await actorId(ctx, request) };
      const input = parse(controlSchema, body);
      if (input.user_id !== room.hostId) throw fail(403, 'Only the host can control video playback');
      const participant = await findParticipant(ctx.database.db, room.id, input.user_id);
      const updated = await applyPlayback(
        ctx,
        live,
        room,
        { action: input.action, time: input.position },
        { memberId: input.user_id, hasAccount: participant?.hasAccount ?? false },
      );
      return {
        status: 'success',
        message: `Video ${input.action} successful`,
        room: await roomDict(ctx, updated ?? room),
      };
    },
  );

  app.post(
    '/api/rooms/:roomId/change-video/',
    { schema: { tags, summary: 'Host changes the video', body: jsonSchema(changeVideoSchema) } },
    async (request) => {
      const room = await roomOr404(ctx, request);
      const body = { ...((request.body as object | null) ?? {}), user_id: await actorId(ctx, request) };
      const input = parse(changeVideoSchema, body);
      if (input.user_id !== room.hostId) throw fail(403, 'Only the host can change videos');
      let media;
      try {
        media = mediaFromUrl(input.video_url);
      } catch (e) {
        if (e instanceof ProviderError)
          throw new AppError(400, 'invalid', e.message, {
            status: 'error',
            errors: { video_url: [e.message] },
          });
        throw e;
      }
      const participant = await findParticipant(ctx.database.db, room.id, input.user_id);
      const updated = await applyPlayback(
        ctx,
        live,
        room,
        { action: 'media', media, title: input.video_title },
        { memberId: input.user_id, hasAccount: participant?.hasAccount ?? false },
      );
      return {
        status: 'success',
        message: 'Video changed successfully',
        room: await roomDict(ctx, updated ?? room),
      };
    },
  );

  app.get(
    '/api/rooms/:roomId/messages/',
    { schema: { tags, summary: "The room's event log (last 50)" } },
    async (request) => {
      const room = await roomOr404(ctx, request);
      const events = await latestEvents(ctx.database.db, room.id, 50);
      const messages = events.map((e) => ({
        id: e.id,
        user_id: e.userId,
        type: e.type,
        data: e.data,
        timestamp: e.createdAt.toISOString(),
      }));
      return { status: 'success', messages, count: messages.length };
    },
  );
}
