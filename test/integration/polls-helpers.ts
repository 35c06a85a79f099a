/** Shared steps of the polls tests: create a session and questions over HTTP, open poll sockets. */
import type { TestServer } from '../helpers/server.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';

export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface PollLinks {
  session_id: string;
  moderator_url: string;
  viewer_url: string;
  overlay_url: string;
  mod: string;
  viewer: string;
  overlay: string;
}

export async function createSession(
  server: TestServer,
  body: Json = {},
  headers: Json = {},
): Promise<PollLinks> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/polls/create_session/',
    payload: body,
    headers,
  });
  if (res.statusCode !== 201) throw new Error(`create_session: ${res.statusCode} ${res.body}`);
  const links = res.json() as PollLinks;
  const last = (url: string) => url.split('/').pop() ?? '';
  return {
    ...links,
    mod: last(links.moderator_url),
    viewer: last(links.viewer_url),
    overlay: last(links.overlay_url),
  };
}

export async function addQuestion(server: TestServer, token: string, body: Json): Promise<Json> {
  const res = await server.app.inject({ method: 'POST', url: `/api/polls/m/${token}/`, payload: body });
  if (res.statusCode !== 201) throw new Error(`add question: ${res.statusCode} ${res.body}`);
  return res.json() as Json;
}

export function pollSocket(server: TestServer, token: string, query = ''): Promise<TestSocket> {
  return connect(`${server.wsUrl}/ws/polls/${token}/${query}`);
}

/** Waits for a tally frame of `qid` whose total reaches `total`. */
export function tallyOf(socket: TestSocket, qid: string, total: number, timeoutMs = 5000): Promise<Json> {
  return socket.next<Json>((f) => f.type === 'vote' && f.question_id === qid && f.total === total, timeoutMs);
}
