/** Shared helpers of the admin tests: users with tokens (staff, premium, plain), HTTP over inject, fixtures. */
import { randomBytes } from 'node:crypto';
import { createUser, toAuthUser } from '../../src/features/accounts/service.js';
import { chatService } from '../../src/features/chat/index.js';
import type { TestServer } from '../helpers/server.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
export type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export interface TestUser {
  id: string;
  username: string;
  token: string;
}

export async function http(
  server: TestServer,
  method: Method,
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Json; type: string }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await server.app.inject({
    method,
    url,
    headers,
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
  return {
    status: res.statusCode,
    body: res.body ? (res.json() as Json) : {},
    type: String(res.headers['content-type'] ?? ''),
  };
}

export const unique = (prefix = 'a') => `${prefix}${randomBytes(5).toString('hex')}`;

/** A user made directly in the database (no password: fast), with an access token. */
export async function makeUser(
  server: TestServer,
  flags: { staff?: boolean; premium?: boolean } = {},
  prefix = 'u',
): Promise<TestUser> {
  const username = unique(prefix);
  const row = await createUser(server.ctx.database.db, {
    username,
    isStaff: flags.staff ?? false,
    isPremium: flags.premium ?? false,
  });
  return { id: row.id, username, token: await server.ctx.tokens.issueAccess(toAuthUser(row)) };
}

/** A StreamIt room created by `host` over REST. */
export async function makeRoom(server: TestServer, host: TestUser, name = unique('room')): Promise<Json> {
  const res = await http(server, 'POST', '/api/rooms/create/', { name }, host.token);
  if (res.status !== 201) throw new Error(`room create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** A chat message stored through the chat engine (as the room socket does). */
export async function roomMessage(server: TestServer, roomId: string, user: TestUser, text: string) {
  const outcome = await chatService(server.ctx).send(
    `watch:${roomId}`,
    { id: user.id, name: user.username },
    text,
    { enabled: true, isMuted: () => false },
  );
  if (outcome.kind !== 'accepted') throw new Error(`message not accepted: ${outcome.kind}`);
  return outcome.message;
}

export async function makeLobby(server: TestServer, owner: TestUser, name = unique('Lobby ')): Promise<Json> {
  const res = await http(server, 'POST', '/api/lobbies/', { name }, owner.token);
  if (res.status !== 201) throw new Error(`lobby create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Every route of the admin API with a harmless example request (ids that do not exist). */
export const ADMIN_ROUTES: { method: Method; url: string; body?: Json }[] = [
  { method: 'GET', url: '/api/admin/overview/' },
  { method: 'GET', url: '/api/admin/users/' },
  {
    method: 'PATCH',
    url: '/api/admin/users/00000000-0000-4000-8000-000000000000/',
    body: { is_premium: true },
  },
  { method: 'GET', url: '/api/admin/rooms/' },
  { method: 'POST', url: '/api/admin/rooms/00000000-0000-4000-8000-000000000000/close/', body: {} },
  { method: 'GET', url: '/api/admin/rooms/00000000-0000-4000-8000-000000000000/messages/' },
  {
    method: 'DELETE',
    url: '/api/admin/rooms/00000000-0000-4000-8000-000000000000/messages/00000000-0000-4000-8000-000000000000/',
  },
  { method: 'GET', url: '/api/admin/room-events/' },
  { method: 'GET', url: '/api/admin/bans/rooms/' },
  { method: 'DELETE', url: '/api/admin/bans/rooms/00000000-0000-4000-8000-000000000000/' },
  { method: 'GET', url: '/api/admin/lobbies/' },
  { method: 'PATCH', url: '/api/admin/lobbies/999999999/', body: { status: 'closed' } },
  { method: 'GET', url: '/api/admin/lobbies/999999999/messages/' },
  { method: 'DELETE', url: '/api/admin/lobbies/999999999/messages/00000000-0000-4000-8000-000000000000/' },
  { method: 'GET', url: '/api/admin/lobby-events/' },
  { method: 'GET', url: '/api/admin/bans/lobbies/' },
  { method: 'DELETE', url: '/api/admin/bans/lobbies/999999999/' },
  { method: 'GET', url: '/api/admin/polls/' },
  { method: 'DELETE', url: '/api/admin/polls/nosuchsession/' },
  { method: 'GET', url: '/api/admin/runs/' },
  { method: 'GET', url: '/api/admin/audit/' },
];
