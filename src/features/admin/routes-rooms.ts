/**
 * Admin API over watch rooms: the room list (state, host, viewers, created), close or expire, a
 * room's chat messages with soft delete, room bans with lift, and the room event log.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { badRequest, notFound } from '../../server/errors.js';
import { jsonSchema, parseInput } from '../../server/validate.js';
import {
  adminCloseRoom,
  adminDeleteRoomMessage,
  adminFindRoom,
  adminLiftRoomBan,
  adminListRoomBans,
  adminListRoomEvents,
  adminListRooms,
  roomChatChannel,
} from '../watch/admin-queries.js';
import { registerChannelMessageRoutes } from './routes-channel-messages.js';
import { audit, requireStaffActor, staffList } from './http.js';
import { closeRoomSchema, pageQuerySchema, roomEventsQuerySchema, roomsQuerySchema } from './schemas.js';
import { roomBanView, roomView } from './views.js';

const tags = ['admin'];

export function registerRoomAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;
  const roomOr404 = async (id: string) => {
    const room = await adminFindRoom(db, id);
    if (!room) throw notFound();
    return room;
  };

  staffList(
    app,
    ctx,
    '/api/admin/rooms/',
    {
      summary: 'Watch rooms, newest first, with host and live viewers (staff only)',
      query: roomsQuerySchema,
    },
    async (q) => {
      const { total, rows } = await adminListRooms(ctx, { ...q, state: q.input.state || undefined });
      return { total, results: rows.map(roomView) };
    },
  );

  app.post<{ Params: { id: string } }>(
    '/api/admin/rooms/:id/close/',
    {
      schema: {
        tags,
        summary: 'Close a room: delete (as the host) or expire (as the grace expiry) (staff only)',
        body: jsonSchema(closeRoomSchema),
      },
    },
    async (request) => {
      const actor = await requireStaffActor(ctx, request);
      const input = parseInput(closeRoomSchema, request.body);
      const room = await roomOr404(request.params.id);
      const closed = await adminCloseRoom(ctx, room, input.mode);
      if (!closed)
        throw badRequest('Room is already closed', { error: 'Room is already closed', state: room.state });
      await audit(
        ctx,
        actor,
        input.mode === 'delete' ? 'room.close' : 'room.expire',
        { type: 'room', id: room.id },
        {
          code: room.code,
          from: room.state,
          to: closed.state,
        },
      );
      return { id: closed.id, code: closed.code, state: closed.state, is_active: closed.isActive };
    },
  );

  registerChannelMessageRoutes(app, ctx, {
    segment: 'rooms',
    listSummary: "A room's chat messages, newest first, deleted ones flagged (staff only)",
    deleteSummary: 'Soft-delete a room chat message (staff only)',
    find: (id) => adminFindRoom(db, id),
    channel: (room) => roomChatChannel(room.id),
    remove: (room, messageId) => adminDeleteRoomMessage(ctx, room.id, messageId),
    auditDetail: (room) => ({ room: room.code }),
  });

  staffList(
    app,
    ctx,
    '/api/admin/bans/rooms/',
    { summary: 'Watch room bans, searchable by room code and member (staff only)', query: pageQuerySchema },
    async (q) => {
      const { total, rows } = await adminListRoomBans(db, q);
      return { total, results: rows.map(roomBanView) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/admin/bans/rooms/:id/',
    { schema: { tags, summary: 'Lift a watch room ban (the participant row id) (staff only)' } },
    async (request, reply) => {
      const actor = await requireStaffActor(ctx, request);
      const ban = await adminLiftRoomBan(db, request.params.id);
      if (!ban) throw notFound();
      await audit(
        ctx,
        actor,
        'ban.lift',
        { type: 'room_ban', id: ban.id },
        {
          room: ban.roomCode,
          member_id: ban.memberId,
        },
      );
      return reply.status(204).send();
    },
  );

  staffList(
    app,
    ctx,
    '/api/admin/room-events/',
    {
      summary: 'The watch room event log, newest first; ?room=<id or code> (staff only)',
      query: roomEventsQuerySchema,
    },
    async (q) => {
      let roomId: string | undefined;
      if (q.input.room) {
        const room = await adminFindRoom(db, q.input.room);
        if (!room) throw notFound('Room not found.');
        roomId = room.id;
      }
      const { total, rows } = await adminListRoomEvents(db, { ...q, roomId });
      return {
        total,
        results: rows.map((e) => ({
          id: e.id,
          room_id: e.roomId,
          room_code: e.roomCode,
          user_id: e.userId,
          type: e.type,
          data: e.data,
          created_at: e.createdAt.toISOString(),
        })),
      };
    },
  );
}
