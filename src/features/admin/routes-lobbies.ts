/**
 * Admin API over lobbies: every lobby with status change, a lobby's messages with soft delete,
 * lobby bans with lift, and the lobby audit log (LobbyEvent) across lobbies.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { notFound } from '../../server/errors.js';
import { jsonSchema, parseInput } from '../../server/validate.js';
import {
  adminDeleteLobbyMessage,
  adminFindLobby,
  adminLiftLobbyBan,
  adminListLobbies,
  adminListLobbyBans,
  adminListLobbyEvents,
  adminSetLobbyStatus,
  lobbyChatChannel,
} from '../lobbies/admin-queries.js';
import { registerChannelMessageRoutes } from './routes-channel-messages.js';
import { audit, requireStaffActor, staffList } from './http.js';
import { lobbiesQuerySchema, lobbyEventsQuerySchema, lobbyPatchSchema, pageQuerySchema } from './schemas.js';
import { lobbyBanView } from './views.js';

const tags = ['admin'];

/** A path id that is a positive integer, else NaN (answered 404). */
const intId = (raw: string) => (/^\d{1,9}$/.test(raw) ? Number(raw) : Number.NaN);

export function registerLobbyAdminRoutes(app: FastifyInstance, ctx: AppContext): void {
  const db = ctx.database.db;
  const findLobby = (raw: string) => adminFindLobby(db, intId(raw));
  const lobbyOr404 = async (raw: string) => {
    const lobby = await findLobby(raw);
    if (!lobby) throw notFound();
    return lobby;
  };

  staffList(
    app,
    ctx,
    '/api/admin/lobbies/',
    {
      summary: 'Every lobby, private ones too, newest first, with owner and members (staff only)',
      query: lobbiesQuerySchema,
    },
    async (q) => {
      const { total, rows } = await adminListLobbies(db, { ...q, status: q.input.status || undefined });
      return {
        total,
        results: rows.map((r) => ({
          id: r.lobby.id,
          name: r.lobby.name,
          owner_id: r.lobby.ownerId,
          owner: r.owner,
          status: r.lobby.status,
          is_public: r.lobby.isPublic,
          members: r.members,
          max_participants: r.lobby.maxParticipants,
          created_at: r.lobby.createdAt.toISOString(),
        })),
      };
    },
  );

  app.patch<{ Params: { id: string } }>(
    '/api/admin/lobbies/:id/',
    {
      schema: {
        tags,
        summary: "Change a lobby's status (logged in its audit log, pushed to its sockets) (staff only)",
        body: jsonSchema(lobbyPatchSchema),
      },
    },
    async (request) => {
      const actor = await requireStaffActor(ctx, request);
      const input = parseInput(lobbyPatchSchema, request.body);
      const lobby = await lobbyOr404(request.params.id);
      const updated = await adminSetLobbyStatus(ctx, lobby, input.status, actor.id);
      if (updated.status !== lobby.status)
        await audit(
          ctx,
          actor,
          'lobby.status',
          { type: 'lobby', id: lobby.id },
          {
            from: lobby.status,
            to: updated.status,
          },
        );
      return { id: updated.id, name: updated.name, status: updated.status };
    },
  );

  registerChannelMessageRoutes(app, ctx, {
    segment: 'lobbies',
    listSummary: "A lobby's messages, newest first, deleted ones flagged (staff only)",
    deleteSummary: 'Soft-delete a lobby message (sockets get message_deleted) (staff only)',
    find: (id) => findLobby(id),
    channel: (lobby) => lobbyChatChannel(lobby.id),
    remove: (lobby, messageId) => adminDeleteLobbyMessage(ctx, lobby.id, messageId),
    auditDetail: (lobby) => ({ lobby: lobby.id }),
  });

  staffList(
    app,
    ctx,
    '/api/admin/bans/lobbies/',
    { summary: 'Lobby bans, searchable by lobby, user and reason (staff only)', query: pageQuerySchema },
    async (q) => {
      const { total, rows } = await adminListLobbyBans(db, q);
      return { total, results: rows.map(lobbyBanView) };
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/admin/bans/lobbies/:id/',
    { schema: { tags, summary: 'Lift a lobby ban (logged as unban in the lobby audit log) (staff only)' } },
    async (request, reply) => {
      const actor = await requireStaffActor(ctx, request);
      const ban = await adminLiftLobbyBan(ctx, intId(request.params.id), actor.id);
      if (!ban) throw notFound();
      await audit(
        ctx,
        actor,
        'ban.lift',
        { type: 'lobby_ban', id: ban.id },
        {
          lobby: ban.lobbyId,
          user_id: ban.userId,
          username: ban.username,
        },
      );
      return reply.status(204).send();
    },
  );

  staffList(
    app,
    ctx,
    '/api/admin/lobby-events/',
    {
      summary: 'The lobby audit log (LobbyEvent) across lobbies, newest first; ?lobby=<id> (staff only)',
      query: lobbyEventsQuerySchema,
    },
    async (q) => {
      const lobbyId = q.input.lobby ? Number(q.input.lobby) : undefined;
      const { total, rows } = await adminListLobbyEvents(db, { ...q, lobbyId });
      return {
        total,
        results: rows.map((e) => ({
          id: e.id,
          lobby_id: e.lobbyId,
          lobby_name: e.lobbyName,
          event_type: e.eventType,
          actor: e.actor,
          target: e.target,
          description: e.description,
          metadata: e.metadata,
          created_at: e.createdAt.toISOString(),
        })),
      };
    },
  );
}
