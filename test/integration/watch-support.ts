/** Shared helpers of the watch tests: guests with tokens, rooms, sockets that drain the join frames. */
import type { TestServer } from '../helpers/server.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export async function http(
  server: TestServer,
  method: 'GET' | 'POST' | 'DELETE',
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

export interface Guest {
  id: string;
  name: string;
  token: string;
}

export async function guest(server: TestServer, name: string): Promise<Guest> {
  const res = await http(server, 'POST', '/api/auth/guest/', { display_name: name });
  return { id: String(res.body.id), name, token: String(res.body.access_token) };
}

export async function createRoom(server: TestServer, host: Guest, body: Json = {}): Promise<Json> {
  const res = await http(server, 'POST', '/api/rooms/create/', body, host.token);
  if (res.status !== 201) throw new Error(`create failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function joinRoom(
  server: TestServer,
  user: Guest,
  code: string,
  password?: string,
): Promise<Json> {
  return (
    await http(server, 'POST', '/api/rooms/join/', { code, ...(password ? { password } : {}) }, user.token)
  ).body;
}

/** Opens a StreamIt socket and waits for its three join frames. */
export async function openRoom(
  server: TestServer,
  code: string,
  user: Guest,
  query = '',
): Promise<TestSocket> {
  const socket = await connect(`${server.wsUrl}/ws/room/${code}/?token=${user.token}${query}`);
  await socket.next((f: Json) => f.type === 'ROOM_PARTICIPANTS');
  return socket;
}

export const byType = (type: string) => (f: Json) => f.type === type;

/** Waits `ms` of real time (to show that nothing arrives). */
export const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
