/**
 * StreamIt's REST paths (create and join also take SyncPlay's bodies), with its exact answers and
 * error bodies `{"error": ...}`. Auth is the Bearer JWT.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { optionalUser, requireUser } from '../accounts/auth.js';
import type { AppContext } from '../../server/context.js';
import { AppError } from '../../server/errors.js';
import { jsonSchema } from '../../server/validate.js';
import { presenceTopic, type WatchLive } from './live.js';
import {
  approveParticipant,
  createStreamitRoom,
  createSyncplayRoom,
  deleteRoom,
  isSyncplayBody,
  joinStreamitRoom,
  joinSyncplayRoom,
  pendingParticipants,
} from './rooms.js';
import {
  approveSchema,
  deleteSchema,
  progressSaveSchema,
  streamitCreateSchema,
  streamitJoinSchema,
  syncplayCreateSchema,
  syncplayJoinSchema,
} from './schemas.js';
import {
  findProgress,
  findRoomByCode,
  findRoomById,
  latestProgress,
  listParticipants,
  listRoomsInState,
  saveProgress,
} from './store.js';
import { progressView } from './views.js';

const tags = ['watch'];
const err = (status: number, message: string) => new AppError(status, 'watch', message, { error: message });

function field(body: unknown, name: string): unknown {
  return typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[name] : undefined;
}

export function registerStreamitRoutes(app: FastifyInstance, ctx: AppContext, live: WatchLive): void {
  app.post(
    '/api/rooms/create/',
    {
      schema: {
        tags,
        summary:
          'Create a room: StreamIt {is_private, entry_mode} with Bearer, or SyncPlay {room_name, user_name}',
        body: jsonSchema(z.union([streamitCreateSchema, syncplayCreateSchema])),
      },
    },
    async (request, reply) => {
      if (isSyncplayBody(request.body))
        return reply.status(201).send(await createSyncplayRoom(ctx, request.body));
      const user = await requireUser(ctx, request);
      return reply.status(201).send(await createStreamitRoom(ctx, user, request.body));
    },
  );

  app.post(
    '/api/rooms/join/',
    {
      schema: {
        tags,
        summary: 'Join: StreamIt {code, password?} with Bearer, or SyncPlay {room_id, user_name}',
        body: jsonSchema(z.union([streamitJoinSchema, syncplayJoinSchema])),
      },
    },
    async (request) => {
      if (isSyncplayBody(request.body)) return joinSyncplayRoom(ctx, request.body);
      const user = await requireUser(ctx, request);
      return joinStreamitRoom(ctx, user, request.body);
    },
  );

  app.post(
    '/api/rooms/approve/',
    { schema: { tags, summary: 'Host approves a pending participant', body: jsonSchema(approveSchema) } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const roomId = field(request.body, 'room_id');
      const userId = field(request.body, 'user_id');
      if (typeof roomId !== 'string' || typeof userId !== 'string')
        throw err(400, 'room_id and user_id required');
      return approveParticipant(ctx, live, user, roomId, userId);
    },
  );

  app.get(
    '/api/rooms/:roomId/pending/',
    { schema: { tags, summary: "The host's approval queue" } },
    async (request) => {
      const user = await requireUser(ctx, request);
      return pendingParticipants(ctx, user, (request.params as { roomId: string }).roomId);
    },
  );

  app.post(
    '/api/rooms/delete/',
    {
      schema: {
        tags,
        summary: 'Host deletes a room (sockets get ROOM_DELETED, then close 4005)',
        body: jsonSchema(deleteSchema),
      },
    },
    async (request) => {
      const user = await requireUser(ctx, request);
      const roomId = field(request.body, 'room_id');
      if (typeof roomId !== 'string' || roomId === '') throw err(400, 'room_id required');
      return deleteRoom(ctx, live, user, roomId);
    },
  );

  app.post(
    '/api/rooms/progress/save/',
    { schema: { tags, summary: 'Save watch progress', body: jsonSchema(progressSaveSchema) } },
    async (request) => {
      const user = await requireUser(ctx, request);
      if (!field(request.body, 'room_id')) throw err(400, 'room_id required');
      const parsed = progressSaveSchema.safeParse(request.body);
      if (!parsed.success) throw err(400, parsed.error.issues[0]?.message ?? 'Invalid input');
      const input = parsed.data;
      const room = await findRoomById(ctx.database.db, input.room_id);
      if (!room) throw err(404, 'Room not found');
      const row = await saveProgress(
        ctx.database.db,
        {
          userId: user.id,
          roomId: room.id,
          mediaId: input.media_id,
          mediaType: input.media_type,
          season: input.season ?? null,
          episode: input.episode ?? null,
        },
        {
          timestamp: input.timestamp,
          duration: input.duration,
          progressPercent: input.progress_percent,
          completed: input.completed,
          updatedAt: new Date(ctx.clock.now()),
        },
      );
      return progressView(row);
    },
  );

  app.get(
    '/api/rooms/progress/get/',
    { schema: { tags, summary: 'Watch progress by room and media' } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const q = request.query as Record<string, string | undefined>;
      if (!q.room_id || !q.media_id || !q.media_type)
        throw err(400, 'room_id, media_id and media_type required');
      const room = await findRoomById(ctx.database.db, q.room_id);
      if (!room) return { progress: null };
      const season = q.season !== undefined && /^\d+$/.test(q.season) ? Number(q.season) : null;
      const episode = q.episode !== undefined && /^\d+$/.test(q.episode) ? Number(q.episode) : null;
      const row = await findProgress(ctx.database.db, {
        userId: user.id,
        roomId: room.id,
        mediaId: q.media_id,
        mediaType: q.media_type,
        season,
        episode,
      });
      return row ? progressView(row) : { progress: null };
    },
  );

  app.get(
    '/api/rooms/:code/resume/',
    { schema: { tags, summary: "The caller's latest progress in a room" } },
    async (request) => {
      const user = await requireUser(ctx, request);
      const room = await findRoomByCode(ctx.database.db, (request.params as { code: string }).code);
      if (!room) throw err(404, 'Room not found');
      const row = await latestProgress(ctx.database.db, user.id, room.id);
      return row
        ? {
            progress_percent: row.progressPercent,
            last_position_seconds: row.timestamp,
            completed: row.completed,
          }
        : { progress_percent: 0, last_position_seconds: 0, completed: false };
    },
  );

  app.get(
    '/api/rooms/public/',
    { schema: { tags, summary: 'Live public rooms whose host is connected, with viewer counts' } },
    async (request) => {
      await optionalUser(ctx, request).catch(() => null);
      const rooms = (await listRoomsInState(ctx.database.db, ['LIVE'])).filter((r) => !r.isPrivate);
      const listed = await Promise.all(
        rooms.map(async (room) => {
          const members = await ctx.realtime.presence.list(presenceTopic(room.id));
          if (!members.some((m) => m.memberId === room.hostId)) return null;
          const host = (await listParticipants(ctx.database.db, room.id)).find(
            (p) => p.memberId === room.hostId,
          );
          return {
            code: room.code,
            host: host?.name ?? '',
            viewers: members.length,
            created_at: room.createdAt.toISOString(),
          };
        }),
      );
      return listed.filter((r) => r !== null);
    },
  );
}
