/** Shared helpers of the lobby tests: users with tokens (premium or not), HTTP over inject, sockets. */
import { randomBytes } from 'node:crypto';
import { createUser, toAuthUser } from '../../src/features/accounts/service.js';
import type { TestServer } from '../helpers/server.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface LobbyUser {
  id: string;
  username: string;
  token: string;
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function http(
  server: TestServer,
  method: Method,
  url: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await server.app.inject({
    method,
    url,
    headers,
    ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
  });
  return { status: res.statusCode, body: res.body ? (res.json() as Json) : {} };
}

/** A user made directly in the database (no password: fast), with an access token. */
export async function makeUser(server: TestServer, premium = false, prefix = 'u'): Promise<LobbyUser> {
  const username = `${prefix}${randomBytes(5).toString('hex')}`;
  const row = await createUser(server.ctx.database.db, { username, isPremium: premium });
  return { id: row.id, username, token: await server.ctx.tokens.issueAccess(toAuthUser(row)) };
}

export async function makeLobby(server: TestServer, owner: LobbyUser, body: Json = {}): Promise<Json> {
  const res = await http(server, 'POST', '/api/lobbies/', { name: 'Test Lobby', ...body }, owner.token);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function joinAs(server: TestServer, lobbyId: number, user: LobbyUser) {
  return http(server, 'POST', `/api/lobbies/${lobbyId}/join/`, undefined, user.token);
}

/** Opens the lobby socket; with `ready`, waits for the presence_list that ends the entry frames. */
export async function openLobby(
  base: string,
  lobbyId: number | string,
  token: string,
  ready = true,
): Promise<TestSocket> {
  const socket = await connect(`${base}/ws/lobbies/${lobbyId}/?token=${token}`);
  if (ready) await socket.next(byType('presence_list'));
  return socket;
}

export const byType = (type: string) => (f: Json) => f.type === type;

export const unique = (prefix = 'L') => `${prefix}${randomBytes(4).toString('hex')}`;

export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
