/**
 * Compatibility review of the polls module against Wiperino's own poll pages (BEHAVIOUR.md, "Client
 * behaviour"): create_poll_session.js, polls_moderator.js, viewer_poll.js and overlay_poll.js replayed
 * with black-box HTTP and real sockets that connect exactly as those pages do (no query string).
 * Rule ids: docs/spec/polls.md.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';
import { addQuestion, createSession, type Json, type PollLinks } from './polls-helpers.js';

let server: TestServer;
const open: TestSocket[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
});

/** `new WebSocket('ws://' + location.host + '/ws/polls/' + token + '/')`, then wait for the open to finish. */
async function page(token: string, srv: TestServer = server): Promise<TestSocket> {
  const s = await connect(`${srv.wsUrl}/ws/polls/${token}/`);
  open.push(s);
  s.send({ type: 'time_sync', t0: 1 });
  await s.next((f: Json) => f.type === 'time_sync');
  return s;
}

const of = (type: string) => (f: Json) => f.type === type;
const seen = (s: TestSocket) => s.frames.filter((f) => (f as Json).type !== 'time_sync') as Json[];
const quiet = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function session(): Promise<PollLinks & { m: TestSocket; v: TestSocket; o: TestSocket }> {
  const links = await createSession(server);
  return { ...links, m: await page(links.mod), v: await page(links.viewer), o: await page(links.overlay) };
}

describe('create_poll_session.js', () => {
  it('[POLLS-1] POST {} without a sign-in answers 201 with the four keys; the page prefixes location.origin to each url', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/polls/create_session/', payload: {} });
    expect(res.statusCode).toBe(201);
    const body = res.json() as Json;
    expect(Object.keys(body).sort()).toEqual(['moderator_url', 'overlay_url', 'session_id', 'viewer_url']);
    expect(body.moderator_url).toMatch(/^\/polls\/m\/[A-Za-z0-9_-]+$/);
    expect(body.viewer_url).toMatch(/^\/polls\/v\/[A-Za-z0-9_-]+$/);
    expect(body.overlay_url).toMatch(/^\/polls\/o\/[A-Za-z0-9_-]+$/);
  });
});

describe('polls_moderator.js', () => {
  it('[POLLS-7] no frame on connect for any of the three pages', async () => {
    const s = await session();
    await quiet(200);
    expect([...seen(s.m), ...seen(s.v), ...seen(s.o)]).toEqual([]);
  });

  it('[POLLS-2] the page loads GET /api/polls/m/<token>/ (no auth), POSTs /add_poll/, then sync_questions reaches viewers as new_question', async () => {
    const s = await session();
    const list = await server.app.inject({ url: `/api/polls/m/${s.mod}/` });
    expect(list.statusCode).toBe(200);
    expect(list.json()).toEqual([]);
    const res = await server.app.inject({
      method: 'POST',
      url: `/api/polls/m/${s.mod}/add_poll/`,
      headers: { 'content-type': 'application/json' },
      payload: { question: 'Best boss?', answers: ['Ragnaros', 'Kel'] },
    });
    expect(res.statusCode).toBe(201);
    const q = res.json() as Json;
    expect(q).toMatchObject({
      id: expect.stringMatching(/^q-[0-9a-f]+$/),
      question: 'Best boss?',
      answers: ['Ragnaros', 'Kel'],
      votes: { Ragnaros: 0, Kel: 0 },
    });
    s.m.send({ type: 'sync_questions' });
    for (const sock of [s.v, s.m, s.o]) {
      const f = await sock.next(of('new_question'));
      expect(f.question).toMatchObject({ id: q.id, question: 'Best boss?', answers: ['Ragnaros', 'Kel'] });
    }
  });

  it('[POLLS-7] publish over the socket: every page gets publish_question with question_data the overlay can chart (a count for every answer)', async () => {
    const s = await session();
    const q = await addQuestion(server, s.mod, { question: 'Pull?', answers: ['Yes', 'No', 'Later'] });
    s.m.send({ type: 'publish_question', question_id: q.id });
    for (const sock of [s.m, s.v, s.o]) {
      const f = await sock.next(of('publish_question'));
      expect(f.question_id).toBe(q.id);
      expect(f.question_data).toMatchObject({
        id: q.id,
        question: 'Pull?',
        answers: ['Yes', 'No', 'Later'],
        votes: { Yes: 0, No: 0, Later: 0 },
      });
    }
  });

  it('[POLLS-7] unpublish sends exactly {type:"unpublish_question"}', async () => {
    const s = await session();
    const q = await addQuestion(server, s.mod, { question: 'Q', answers: ['a', 'b'] });
    s.m.send({ type: 'publish_question', question_id: q.id });
    await s.o.next(of('publish_question'));
    s.m.send({ type: 'unpublish_question' });
    expect(await s.o.next(of('unpublish_question'))).toEqual({ type: 'unpublish_question' });
  });

  it('[POLLS-4] delete over REST: 200 {"detail":"Question deleted"}; the viewer page is told to remove it', async () => {
    const s = await session();
    const q = await addQuestion(server, s.mod, { question: 'Q', answers: ['a', 'b'] });
    const res = await server.app.inject({ method: 'DELETE', url: `/api/polls/m/${s.mod}/delete/${q.id}/` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ detail: 'Question deleted' });
    expect(await s.v.next(of('delete_question'))).toEqual({ type: 'delete_question', question_id: q.id });
  });

  it('[POLLS-2] the moderator page’s bad submissions get 400 with the seed’s messages and store nothing', async () => {
    const s = await session();
    const blank = await server.app.inject({
      method: 'POST',
      url: `/api/polls/m/${s.mod}/add_poll/`,
      payload: { question: '   ', answers: ['a', 'b'] },
    });
    expect(blank.statusCode).toBe(400);
    expect(blank.json()).toMatchObject({ question: ['Question cannot be empty.'] });
    const dup = await server.app.inject({
      method: 'POST',
      url: `/api/polls/m/${s.mod}/add_poll/`,
      payload: { question: 'Q', answers: ['a', ' a '] },
    });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toMatchObject({ answers: ['Question cannot have duplicate answers.'] });
    expect((await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json()).toEqual([]);
  });
});

describe('viewer_poll.js and overlay_poll.js', () => {
  it('[POLLS-8] the viewer page votes with voter_id; the overlay gets the seed’s vote frame with every answer counted', async () => {
    const s = await session();
    const q = await addQuestion(server, s.mod, { question: 'Pull?', answers: ['Yes', 'No'] });
    s.m.send({ type: 'publish_question', question_id: q.id });
    await s.o.next(of('publish_question'));
    s.v.send({ type: 'vote', voter_id: randomUUID(), question_id: q.id, answer: 'Yes' });
    const f = await s.o.next((x: Json) => x.type === 'vote' && x.total === 1);
    expect(f).toMatchObject({ question_id: q.id, answers: ['Yes', 'No'], votes: { Yes: 1, No: 0 } });
  });

  it('[POLLS-9] a viewer who reloads (same voter_id in localStorage) and votes again from two tabs at once still has one ballot', async () => {
    const s = await session();
    const q = await addQuestion(server, s.mod, { question: 'Pull?', answers: ['Yes', 'No'] });
    const voter = randomUUID();
    const tabs = [s.v, await page(s.viewer), await page(s.viewer)];
    for (const tab of tabs) tab.send({ type: 'vote', voter_id: voter, question_id: q.id, answer: 'No' });
    for (const tab of tabs) await tab.next(of('ballot'));
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list[0]).toMatchObject({ votes: { Yes: 0, No: 1 }, total: 1 });
  });

  it('[POLLS-8] the viewer page loads GET /api/polls/v/<token>/ and gets the questions with answers in order', async () => {
    const s = await session();
    await addQuestion(server, s.mod, { question: 'One', answers: ['a', 'b'] });
    await addQuestion(server, s.mod, { question: 'Two', answers: ['c', 'd'] });
    const res = await server.app.inject({ url: `/api/polls/v/${s.viewer}/` });
    expect(res.statusCode).toBe(200);
    expect((res.json() as Json[]).map((q) => [q.question, q.answers])).toEqual([
      ['One', ['a', 'b']],
      ['Two', ['c', 'd']],
    ]);
  });

  it('[POLLS-7] viewer errors: unknown answer, unknown question, bad JSON; moderator frames refused; sync ignored; unknown types ignored', async () => {
    const s = await session();
    const q = await addQuestion(server, s.mod, { question: 'Q', answers: ['a', 'b'] });
    s.v.send({ type: 'vote', voter_id: randomUUID(), question_id: q.id, answer: 'zzz' });
    expect(await s.v.next(of('error'))).toEqual({ type: 'error', error: 'Answer not found' });
    s.v.send({ type: 'vote', question_id: 'q-000000', answer: 'a' });
    expect(await s.v.next(of('error'))).toEqual({ type: 'error', error: 'Question not found' });
    s.v.sendRaw('{oops');
    expect(await s.v.next(of('error'))).toEqual({ type: 'error', error: 'Wrong JSON format' });
    s.v.send({ type: 'publish_question', question_id: q.id });
    expect(await s.v.next(of('error'))).toEqual({
      type: 'error',
      error: 'Only moderators can perform this action',
    });
    s.v.send({ type: 'sync_questions' });
    s.v.send({ type: 'whatever' });
    await quiet(300);
    expect(seen(s.v).filter((f) => f.type !== 'error')).toEqual([]);
    expect(seen(s.o)).toEqual([]);
  });

  it('[POLLS-6] an unknown token’s socket is closed', async () => {
    const s = await connect(`${server.wsUrl}/ws/polls/abcdef-viewer/`);
    open.push(s);
    expect(await s.closed()).toBe(4102);
  });
});

describe('odd input', () => {
  it('[POLLS-8] a vote whose voter_id is not an id still counts (the seed ignored voter_id), as the connection’s ballot', async () => {
    const s = await session();
    const q = await addQuestion(server, s.mod, { question: 'Q', answers: ['a', 'b'] });
    s.v.send({ type: 'vote', question_id: q.id, answer: 'a', voter_id: 'not a uuid!' });
    expect(await s.v.next(of('ballot'))).toMatchObject({ question_id: q.id, choices: ['a'] });
    s.v.send({ type: 'vote', question_id: q.id, answer: 'b', voter_id: 42 });
    expect(await s.v.next(of('ballot'))).toMatchObject({ choices: ['b'] });
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list[0]).toMatchObject({ votes: { a: 0, b: 1 }, total: 1 });
  });

  it('[POLLS-20] odd tokens, bodies and frames get 4xx JSON or error frames, never a 500, and store nothing', async () => {
    const s = await session();
    const q = await addQuestion(server, s.mod, { question: 'Q', answers: ['a', 'b'] });
    const requests: [string, string, unknown][] = [
      ['GET', `/api/polls/m/${'x'.repeat(500)}/`, undefined],
      ['GET', `/api/polls/v/%C3%A9%00/`, undefined],
      ['POST', `/api/polls/m/${s.mod}/add_poll/`, [1, 2]],
      ['POST', `/api/polls/m/${s.mod}/add_poll/`, { question: 5, answers: 'ab' }],
      ['POST', `/api/polls/m/${s.mod}/add_poll/`, { question: 'Q', answers: [null, { a: 1 }] }],
      ['POST', `/api/polls/m/${s.mod}/`, { question: 'x'.repeat(301), answers: ['a', 'b'] }],
      ['POST', `/api/polls/create_session/`, { run_id: { a: 1 } }],
      ['DELETE', `/api/polls/m/${s.viewer}/delete/${q.id}/`, undefined],
      ['POST', `/api/polls/m/${s.mod}/questions/${q.id}/countdown/`, { seconds: 'soon' }],
    ];
    for (const [method, url, payload] of requests) {
      const res = await server.app.inject({
        method: method as 'GET',
        url,
        ...(payload !== undefined ? { payload: payload as Json } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
      expect(() => res.json() as unknown).not.toThrow();
    }
    for (const frame of [
      { type: 'vote', question_id: { a: 1 }, answer: 'a' },
      { type: 'vote', question_id: q.id, answer: { a: 1 } },
      { type: 'vote', question_id: q.id, answers: Array(500).fill('a') },
      { type: 'vote', question_id: q.id },
      [1, 2],
      null,
    ]) {
      s.v.send(frame);
      await s.v.next(of('error'));
    }
    s.m.send({ type: 'publish_question' });
    expect(await s.m.next(of('error'))).toEqual({ type: 'error', error: 'Question not found' });
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ total: 0 });
    expect(s.v.ws.readyState).toBe(1);
    expect(s.m.ws.readyState).toBe(1);
  });
});

describe('limits come from the typed config', () => {
  it('[POLLS-21] pollsVotesPerConnection / pollsVotesPerSecond from the config bound one connection’s votes', async () => {
    const limited = await startTestServer({ config: { pollsVotesPerConnection: 2, pollsVotesPerSecond: 0 } });
    try {
      const links = await createSession(limited);
      const q = await addQuestion(limited, links.mod, { question: 'Q', answers: ['a', 'b'] });
      const v = await page(links.viewer, limited);
      const voter = randomUUID();
      for (const answer of ['a', 'b']) {
        v.send({ type: 'vote', voter_id: voter, question_id: q.id, answer });
        await v.next(of('ballot'));
      }
      v.send({ type: 'vote', voter_id: voter, question_id: q.id, answer: 'a' });
      expect(await v.next(of('error'))).toEqual({ type: 'error', error: 'Too many votes, slow down' });
      v.close();
    } finally {
      await limited.close();
    }
  });
});
