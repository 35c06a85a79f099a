/** Shared helpers of the runs tests: users with tokens, games, runs and segments made through the API. */
import type { FastifyInstance } from 'fastify';
import { randomBytes } from 'node:crypto';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TestUser {
  username: string;
  token: string;
  auth: { authorization: string };
}

export async function makeUser(app: FastifyInstance, prefix = 'runner'): Promise<TestUser> {
  const username = `${prefix}${randomBytes(4).toString('hex')}`;
  const password = 'pw-' + username;
  const reg = await app.inject({
    method: 'POST',
    url: '/api/register/',
    payload: { username, email: `${username}@example.com`, password, password2: password },
  });
  if (reg.statusCode !== 201) throw new Error(`register failed: ${reg.body}`);
  const login = await app.inject({ method: 'POST', url: '/api/login/', payload: { username, password } });
  const token = (login.json() as Json).access as string;
  return { username, token, auth: { authorization: `Bearer ${token}` } };
}

export async function call(
  app: FastifyInstance,
  method: string,
  url: string,
  user?: TestUser | null,
  payload?: unknown,
) {
  const response = await app.inject({
    method: method as 'GET',
    url,
    headers: user ? user.auth : {},
    ...(payload !== undefined ? { payload: payload as Json } : {}),
  });
  let body: Json = {};
  try {
    body = response.json() as Json;
  } catch {
    /* not JSON (xlsx, 204) */
  }
  return { status: response.statusCode, body, headers: response.headers, raw: response.rawPayload };
}

export async function makeGame(app: FastifyInstance, user: TestUser, name?: string): Promise<Json> {
  const r = await call(app, 'POST', '/api/games/', user, {
    name: name ?? `Game ${randomBytes(4).toString('hex')}`,
  });
  if (r.status !== 201) throw new Error(`game failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function makeRun(
  app: FastifyInstance,
  user: TestUser,
  mode: 'WIPECOUNTER' | 'SPEEDRUN' = 'WIPECOUNTER',
  name = 'My run',
): Promise<Json> {
  const game = await makeGame(app, user);
  const r = await call(app, 'POST', '/api/runs/', user, { name, game: game.id, mode });
  if (r.status !== 201) throw new Error(`run failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function makeWipe(
  app: FastifyInstance,
  user: TestUser,
  runId: number,
  segment_name = 'Boss',
  count = 0,
): Promise<Json> {
  const r = await call(app, 'POST', `/api/runs/${runId}/wipecounters/`, user, { segment_name, count });
  if (r.status !== 201) throw new Error(`wipe failed: ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function makeTimer(
  app: FastifyInstance,
  user: TestUser,
  runId: number,
  segment_name = 'Split',
  elapsed_time = 0,
): Promise<Json> {
  const r = await call(app, 'POST', `/api/runs/${runId}/timers/`, user, { segment_name, elapsed_time });
  if (r.status !== 201) throw new Error(`timer failed: ${JSON.stringify(r.body)}`);
  return r.body;
}
