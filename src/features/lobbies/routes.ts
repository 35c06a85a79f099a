/** HTTP routes of the lobbies module, at the seed's paths under `/api/lobbies/`. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { jsonSchema } from '../../server/validate.js';
import { absoluteUrl, currentActor, lobbyOr404, type LobbyDeps } from './deps.js';
import { ban, kick, setModerator, transfer, unban } from './moderation.js';
import { deleteMessage, editMessage, getMessage, listEvents, listMessages, postMessage } from './messages.js';
import {
  createLobbySchema,
  messageSchema,
  moderationSchema,
  targetSchema,
  updateLobbySchema,
} from './schemas.js';
import { create, detail, join, leave, listPage, remove, setStatus, update } from './service.js';

const tags = ['lobbies'];
type IdRequest = FastifyRequest<{ Params: { id: string } }>;
type MessageRequest = FastifyRequest<{ Params: { id: string; pk: string } }>;

export function registerLobbyRoutes(app: FastifyInstance, deps: LobbyDeps): void {
  /** Authenticates, loads the lobby, runs the rule. */
  const onLobby =
    <T>(
      rule: (
        actor: Awaited<ReturnType<typeof currentActor>>,
        lobby: Awaited<ReturnType<typeof lobbyOr404>>,
        request: IdRequest,
      ) => Promise<T>,
    ) =>
    async (request: IdRequest) => {
      const actor = await currentActor(deps, request);
      return rule(actor, await lobbyOr404(deps, request.params.id), request);
    };

  app.get(
    '/api/lobbies/',
    { schema: { tags, summary: 'Lobbies, newest first, 20 per page (?public=1&status=&search=&page=)' } },
    async (request) => listPage(deps, await currentActor(deps, request), request.query, absoluteUrl(request)),
  );
  app.post(
    '/api/lobbies/',
    { schema: { tags, summary: 'Create a lobby (premium users only)', body: jsonSchema(createLobbySchema) } },
    async (request, reply) =>
      reply.code(201).send(await create(deps, await currentActor(deps, request), request.body)),
  );
  app.get(
    '/api/lobbies/:id/',
    { schema: { tags, summary: 'Lobby detail with members and recent messages' } },
    onLobby((a, l) => detail(deps, a, l)),
  );
  app.put(
    '/api/lobbies/:id/',
    { schema: { tags, summary: 'Update a lobby (owner)', body: jsonSchema(updateLobbySchema) } },
    onLobby((a, l, r) => update(deps, a, l, r.body, true)),
  );
  app.patch(
    '/api/lobbies/:id/',
    { schema: { tags, summary: 'Partly update a lobby (owner)', body: jsonSchema(updateLobbySchema) } },
    onLobby((a, l, r) => update(deps, a, l, r.body, false)),
  );
  app.delete(
    '/api/lobbies/:id/',
    { schema: { tags, summary: 'Delete a lobby (owner)' } },
    async (request: IdRequest, reply) => {
      const actor = await currentActor(deps, request);
      await remove(deps, actor, await lobbyOr404(deps, request.params.id));
      return reply.code(204).send();
    },
  );

  app.post(
    '/api/lobbies/:id/join/',
    { schema: { tags, summary: 'Join (atomic capacity check)' } },
    onLobby((a, l) => join(deps, a, l)),
  );
  app.post(
    '/api/lobbies/:id/leave/',
    { schema: { tags, summary: 'Leave (not the owner)' } },
    onLobby((a, l) => leave(deps, a, l)),
  );
  app.post(
    '/api/lobbies/:id/start/',
    { schema: { tags, summary: 'Set in_game (owner)' } },
    onLobby((a, l) => setStatus(deps, a, l, 'in_game')),
  );
  app.post(
    '/api/lobbies/:id/close/',
    { schema: { tags, summary: 'Set closed (owner)' } },
    onLobby((a, l) => setStatus(deps, a, l, 'closed')),
  );

  const moderation = { tags, body: jsonSchema(moderationSchema) };
  const targeted = { tags, body: jsonSchema(targetSchema) };
  app.post(
    '/api/lobbies/:id/kick/',
    { schema: { ...moderation, summary: 'Kick a member (owner or moderator)' } },
    onLobby((a, l, r) => kick(deps, a, l, r.body)),
  );
  app.post(
    '/api/lobbies/:id/ban/',
    { schema: { ...moderation, summary: 'Ban a user (owner or moderator)' } },
    onLobby((a, l, r) => ban(deps, a, l, r.body)),
  );
  app.post(
    '/api/lobbies/:id/unban/',
    { schema: { ...targeted, summary: 'Lift a ban (owner or moderator)' } },
    onLobby((a, l, r) => unban(deps, a, l, r.body)),
  );
  app.post(
    '/api/lobbies/:id/add_moderator/',
    { schema: { ...targeted, summary: 'Promote a member' } },
    onLobby((a, l, r) => setModerator(deps, a, l, r.body, true)),
  );
  app.post(
    '/api/lobbies/:id/remove_moderator/',
    { schema: { ...targeted, summary: 'Demote a moderator' } },
    onLobby((a, l, r) => setModerator(deps, a, l, r.body, false)),
  );
  app.post(
    '/api/lobbies/:id/transfer_ownership/',
    { schema: { ...targeted, summary: 'Make a member the owner (owner)' } },
    onLobby((a, l, r) => transfer(deps, a, l, r.body)),
  );
  app.get(
    '/api/lobbies/:id/events/',
    { schema: { tags, summary: 'Audit log, newest first (owner, moderators, staff)' } },
    onLobby((a, l, r) => listEvents(deps, a, l, r.query, absoluteUrl(r))),
  );

  app.get(
    '/api/lobbies/:id/messages/',
    { schema: { tags, summary: 'Messages, newest first, 20 per page' } },
    onLobby((a, l, r) => listMessages(deps, a, l, r.query, absoluteUrl(r))),
  );
  app.post(
    '/api/lobbies/:id/messages/',
    { schema: { tags, summary: 'Send a message (members)', body: jsonSchema(messageSchema) } },
    async (request: IdRequest, reply) => {
      const actor = await currentActor(deps, request);
      const lobby = await lobbyOr404(deps, request.params.id);
      return reply.code(201).send(await postMessage(deps, actor, lobby, request.body));
    },
  );
  const onMessage =
    <T>(
      rule: (
        actor: Awaited<ReturnType<typeof currentActor>>,
        lobby: Awaited<ReturnType<typeof lobbyOr404>>,
        request: MessageRequest,
      ) => Promise<T>,
    ) =>
    async (request: MessageRequest) => {
      const actor = await currentActor(deps, request);
      return rule(actor, await lobbyOr404(deps, request.params.id), request);
    };
  app.get(
    '/api/lobbies/:id/messages/:pk/',
    { schema: { tags, summary: 'One message' } },
    onMessage((a, l, r) => getMessage(deps, a, l, r.params.pk)),
  );
  const edit = {
    schema: { tags, summary: 'Edit a message (sender, owner or moderator)', body: jsonSchema(messageSchema) },
  };
  app.put(
    '/api/lobbies/:id/messages/:pk/',
    edit,
    onMessage((a, l, r) => editMessage(deps, a, l, r.params.pk, r.body)),
  );
  app.patch(
    '/api/lobbies/:id/messages/:pk/',
    edit,
    onMessage((a, l, r) => editMessage(deps, a, l, r.params.pk, r.body)),
  );
  app.delete(
    '/api/lobbies/:id/messages/:pk/',
    { schema: { tags, summary: 'Soft-delete a message (sender, owner or moderator)' } },
    async (request: MessageRequest, reply) => {
      const actor = await currentActor(deps, request);
      await deleteMessage(deps, actor, await lobbyOr404(deps, request.params.id), request.params.pk);
      return reply.code(204).send();
    },
  );
}
