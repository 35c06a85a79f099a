/**
 * Wiperino's poll tests (test_polls_crud.py, test_poll_consumer.py) ported to the API, plus the
 * capability and ballot rules: [POLLS-1..11, 18, 22]. Rules: docs/spec/polls.md.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { addQuestion, createSession, pollSocket, tallyOf, type Json } from './polls-helpers.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

async function signIn(username: string): Promise<string> {
  await server.app.inject({
    method: 'POST',
    url: '/api/register/',
    payload: { username, email: `${username}@example.com`, password: 'pw-12345', password2: 'pw-12345' },
  });
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/login/',
    payload: { username, password: 'pw-12345' },
  });
  return (res.json() as Json).access as string;
}

describe('seed REST (test_polls_crud.py)', () => {
  it('[POLLS-1] create_session answers 201 with the four keys and independent 128-bit+ URL-safe tokens', async () => {
    const res = await server.app.inject({ method: 'POST', url: '/api/polls/create_session/' });
    expect(res.statusCode).toBe(201);
    const body = res.json() as Json;
    expect(Object.keys(body).sort()).toEqual(['moderator_url', 'overlay_url', 'session_id', 'viewer_url']);
    const tokens = [body.moderator_url, body.viewer_url, body.overlay_url].map(
      (u: string) => u.split('/').pop() ?? '',
    );
    expect(body.moderator_url).toMatch(/^\/polls\/m\/[A-Za-z0-9_-]+$/);
    expect(body.viewer_url).toMatch(/^\/polls\/v\//);
    expect(body.overlay_url).toMatch(/^\/polls\/o\//);
    for (const t of tokens) {
      expect(t.length * 6).toBeGreaterThanOrEqual(128);
      expect(t).not.toContain(body.session_id);
    }
    expect(new Set(tokens).size).toBe(3);
    // The token map exists: each token opens its list.
    for (const t of tokens)
      expect((await server.app.inject({ url: `/api/polls/v/${t}/` })).statusCode).toBe(200);
  });

  it('[POLLS-2] add_poll (and the plain path) answer 201 with id, question, answers and zero votes', async () => {
    const s = await createSession(server);
    const res = await server.app.inject({
      method: 'POST',
      url: `/api/polls/m/${s.mod}/add_poll/`,
      payload: { question: 'Best boss?', answers: ['Yes', 'No'] },
    });
    expect(res.statusCode).toBe(201);
    const q = res.json() as Json;
    expect(q).toMatchObject({ question: 'Best boss?', answers: ['Yes', 'No'], votes: { Yes: 0, No: 0 } });
    expect(q.id).toMatch(/^q-[0-9a-f]+$/);
  });

  it('[POLLS-2] question rules: trimmed answers, no duplicates, limits, clear 400s and nothing stored', async () => {
    const s = await createSession(server);
    const bad: [Json, string][] = [
      [{ question: '   ', answers: ['a', 'b'] }, 'Question cannot be empty.'],
      [{ question: 'x'.repeat(301), answers: ['a', 'b'] }, 'no more than 300'],
      [{ question: 'q', answers: ['a'] }, 'at least 2'],
      [{ question: 'q', answers: ['a', ' a '] }, 'Question cannot have duplicate answers.'],
      [{ question: 'q', answers: ['a', 'b'.repeat(101)] }, 'no more than 100'],
      [{ question: 'q', answers: 'a,b' }, 'list'],
      [{ answers: ['a', 'b'] }, 'required'],
    ];
    for (const [payload, message] of bad) {
      const res = await server.app.inject({ method: 'POST', url: `/api/polls/m/${s.mod}/`, payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(res.body).toContain(message);
    }
    const ok = await addQuestion(server, s.mod, { question: '  Q  ', answers: [' a ', 'b'] });
    expect(ok).toMatchObject({ question: 'Q', answers: ['a', 'b'] });
    expect((await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json()).toHaveLength(1);
  });

  it('[POLLS-3] lists questions in insertion order for the moderator and viewers', async () => {
    const s = await createSession(server);
    await addQuestion(server, s.mod, { question: 'one', answers: ['a', 'b'] });
    await addQuestion(server, s.mod, { question: 'two', answers: ['c', 'd'] });
    for (const url of [`/api/polls/m/${s.mod}/`, `/api/polls/v/${s.viewer}/`]) {
      const list = (await server.app.inject({ url })).json() as Json[];
      expect(list.map((q) => q.question)).toEqual(['one', 'two']);
      expect(list[0]).toMatchObject({ answers: ['a', 'b'], votes: { a: 0, b: 0 } });
    }
  });

  it('[POLLS-4] delete answers 200 {"detail":"Question deleted"}, the question is gone, deleting again is 200 too', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'gone', answers: ['a', 'b'] });
    const res = await server.app.inject({ method: 'DELETE', url: `/api/polls/m/${s.mod}/delete/${q.id}/` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ detail: 'Question deleted' });
    expect((await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json()).toEqual([]);
    const again = await server.app.inject({ method: 'DELETE', url: `/api/polls/m/${s.mod}/delete/${q.id}/` });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ detail: 'Question deleted' });
  });

  it('[POLLS-5] viewer and overlay tokens cannot moderate (403); unknown tokens get 404', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    for (const token of [s.viewer, s.overlay]) {
      const add = await server.app.inject({
        method: 'POST',
        url: `/api/polls/m/${token}/`,
        payload: { question: 'x', answers: ['a', 'b'] },
      });
      expect(add.statusCode).toBe(403);
      expect(add.json()).toEqual({ error: 'Only moderator can submit questions.' });
      for (const req of [
        { method: 'DELETE' as const, url: `/api/polls/m/${token}/delete/${q.id}/` },
        {
          method: 'PATCH' as const,
          url: `/api/polls/m/${token}/questions/${q.id}/`,
          payload: { question: 'y' },
        },
        { method: 'POST' as const, url: `/api/polls/m/${token}/questions/${q.id}/close/` },
        { method: 'GET' as const, url: `/api/polls/m/${token}/` },
        { method: 'GET' as const, url: `/api/polls/m/${token}/export/` },
        { method: 'DELETE' as const, url: `/api/polls/m/${token}/` },
      ]) {
        expect((await server.app.inject(req)).statusCode, `${req.method} ${req.url}`).toBe(403);
      }
    }
    const unknown = await server.app.inject({
      method: 'POST',
      url: '/api/polls/m/not-a-real-token-000000/',
      payload: { question: 'x', answers: ['a', 'b'] },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ error: 'Invalid token' });
    expect((await server.app.inject({ url: `/api/polls/v/${s.session_id}/` })).statusCode).toBe(404);
    expect((await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json()).toHaveLength(1);
  });
});

describe('seed socket (test_poll_consumer.py)', () => {
  it('[POLLS-6] connects with a known token; an unknown token is closed with 4102', async () => {
    const s = await createSession(server);
    const ok = await pollSocket(server, s.viewer);
    ok.close();
    const refused = await pollSocket(server, 'unknown-token-unknown-token');
    expect(await refused.closed()).toBe(4102);
  });

  it('[POLLS-7] publish, unpublish, sync_questions and delete_question reach every socket', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'Published?', answers: ['Yes', 'No'] });
    const mod = await pollSocket(server, s.mod);
    const viewer = await pollSocket(server, s.viewer);
    mod.send({ type: 'publish_question', question_id: q.id });
    const published = await viewer.next((f) => f.type === 'publish_question');
    expect(published).toMatchObject({
      question_id: q.id,
      question_data: { question: 'Published?', answers: ['Yes', 'No'] },
    });
    await mod.next((f) => f.type === 'publish_question'); // the sender gets it too
    mod.send({ type: 'unpublish_question' });
    expect(await viewer.next((f) => f.type === 'unpublish_question')).toEqual({ type: 'unpublish_question' });
    mod.send({ type: 'sync_questions' });
    expect(await viewer.next((f) => f.type === 'new_question')).toMatchObject({
      question: { id: q.id, question: 'Published?' },
    });
    mod.send({ type: 'delete_question', question_id: q.id });
    expect(await viewer.next((f) => f.type === 'delete_question')).toEqual({
      type: 'delete_question',
      question_id: q.id,
    });
    mod.close();
    viewer.close();
  });

  it('[POLLS-7] errors go to the sender only with the seed strings', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['Yes', 'No'] });
    const viewer = await pollSocket(server, s.viewer);
    const other = await pollSocket(server, s.viewer);
    viewer.sendRaw('{not json');
    expect(await viewer.next()).toEqual({ type: 'error', error: 'Wrong JSON format' });
    viewer.send({ type: 'publish_question', question_id: q.id });
    expect(await viewer.next()).toEqual({ type: 'error', error: 'Only moderators can perform this action' });
    viewer.send({ type: 'vote', question_id: 'q-nope', answer: 'Yes' });
    expect(await viewer.next()).toEqual({ type: 'error', error: 'Question not found' });
    viewer.send({ type: 'vote', question_id: q.id, answer: 'Maybe' });
    expect(await viewer.next()).toEqual({ type: 'error', error: 'Answer not found' });
    viewer.send({ type: 'sync_questions' }); // silently ignored for viewers
    viewer.send({ type: 'no_such_type' }); // unknown types are ignored
    const mod = await pollSocket(server, s.mod);
    mod.send({ type: 'publish_question', question_id: 'q-missing' });
    expect(await mod.next()).toEqual({ type: 'error', error: 'Question not found' });
    mod.send({ type: 'publish_question' });
    expect(await mod.next()).toEqual({ type: 'error', error: 'Question not found' });
    await new Promise((r) => setTimeout(r, 300));
    expect(other.frames).toEqual([]);
    expect(viewer.frames).toHaveLength(4);
    for (const sock of [viewer, other, mod]) sock.close();
  });

  it('[POLLS-8] a vote is confirmed to its sender and the tally reaches everyone: Yes 1, No 0', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['Yes', 'No'] });
    const viewer = await pollSocket(server, s.viewer);
    const overlay = await pollSocket(server, s.overlay);
    viewer.send({ type: 'vote', question_id: q.id, answer: 'Yes', voter_id: crypto.randomUUID() });
    expect(await viewer.next((f) => f.type === 'ballot')).toMatchObject({
      question_id: q.id,
      choices: ['Yes'],
      status: 'counted',
    });
    const tally = await tallyOf(overlay, q.id, 1);
    expect(tally).toMatchObject({
      type: 'vote',
      question_id: q.id,
      answers: ['Yes', 'No'],
      votes: { Yes: 1, No: 0 },
    });
    viewer.close();
    overlay.close();
  });
});

describe('ballots', () => {
  it('[POLLS-9] the same voter_id counts once, even from several sockets', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    const voterId = crypto.randomUUID();
    const one = await pollSocket(server, s.viewer);
    const two = await pollSocket(server, s.viewer);
    const mod = await pollSocket(server, s.mod);
    one.send({ type: 'vote', question_id: q.id, answer: 'a', voter_id: voterId });
    await one.next((f) => f.type === 'ballot');
    one.send({ type: 'vote', question_id: q.id, answer: 'a', voter_id: voterId });
    await one.next((f) => f.type === 'ballot');
    two.send({ type: 'vote', question_id: q.id, answer: 'a', voter_id: voterId });
    await two.next((f) => f.type === 'ballot');
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list[0]?.votes).toEqual({ a: 1, b: 0 });
    expect(list[0]?.total).toBe(1);
    await tallyOf(mod, q.id, 1);
    for (const sock of [one, two, mod]) sock.close();
  });

  it('[POLLS-9] a signed-in user and a signed viewer identity each count once across connections', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    const access = await signIn('pollvoter');
    const viewer = (
      (await server.app.inject({ method: 'POST', url: `/api/polls/v/${s.viewer}/identity/` })).json() as Json
    ).viewer as string;
    expect(viewer).toMatch(/\./);
    for (const query of [`?token=${access}`, `?token=${access}`, `?viewer=${viewer}`, `?viewer=${viewer}`]) {
      const sock = await pollSocket(server, s.viewer, query);
      // voter_id is ignored when the server knows who votes
      sock.send({ type: 'vote', question_id: q.id, answer: 'b', voter_id: crypto.randomUUID() });
      await sock.next((f) => f.type === 'ballot');
      sock.close();
    }
    const forged = await pollSocket(server, s.viewer, `?viewer=${viewer.slice(0, -2)}xx`);
    forged.send({ type: 'vote', question_id: q.id, answer: 'b' });
    await forged.next((f) => f.type === 'ballot'); // counted, but as its own connection
    forged.close();
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list[0]?.votes).toEqual({ a: 0, b: 3 });
  });

  it('[POLLS-10] changing a vote moves the ballot', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b', 'c'] });
    const sock = await pollSocket(server, s.viewer);
    const voterId = crypto.randomUUID();
    for (const answer of ['a', 'b', 'c', 'b']) {
      sock.send({ type: 'vote', question_id: q.id, answer, voter_id: voterId });
      await sock.next((f) => f.type === 'ballot' && (f.choices as string[])[0] === answer);
    }
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list[0]?.votes).toEqual({ a: 0, b: 1, c: 0 });
    sock.send({ type: 'vote', question_id: q.id, answer: 'a', voter_id: crypto.randomUUID() });
    expect(await sock.next((f) => f.type === 'error')).toEqual({
      type: 'error',
      error: 'voter_id cannot change on a connection',
    });
    sock.close();
  });

  it('[POLLS-11] multiple choice up to its maximum; single choice takes one answer', async () => {
    const s = await createSession(server);
    const multi = await addQuestion(server, s.mod, {
      question: 'm',
      answers: ['a', 'b', 'c'],
      kind: 'multiple',
      max_choices: 2,
    });
    const single = await addQuestion(server, s.mod, { question: 's', answers: ['a', 'b'] });
    const sock = await pollSocket(server, s.viewer);
    sock.send({ type: 'vote', question_id: multi.id, answers: ['a', 'b', 'c'], voter_id: 'voter-multi-1' });
    expect(await sock.next()).toEqual({ type: 'error', error: 'Choose at most 2 answers' });
    sock.send({ type: 'vote', question_id: multi.id, answers: ['a', 'c'], voter_id: 'voter-multi-1' });
    expect(await sock.next((f) => f.type === 'ballot')).toMatchObject({ choices: ['a', 'c'] });
    sock.send({ type: 'vote', question_id: single.id, answers: ['a', 'b'], voter_id: 'voter-multi-1' });
    // A coalesced tally push of the first ballot may arrive first: wait for the error itself.
    expect(await sock.next((f) => f.type === 'error')).toEqual({
      type: 'error',
      error: 'Only one answer allowed',
    });
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list[0]).toMatchObject({
      votes: { a: 1, b: 0, c: 1 },
      total: 1,
      kind: 'multiple',
      max_choices: 2,
    });
    sock.close();
  });

  it('[POLLS-21] a connection that votes too fast is refused without changing the ballot count', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    const sock = await pollSocket(server, s.viewer);
    for (let i = 0; i < 30; i += 1)
      sock.send({ type: 'vote', question_id: q.id, answer: i % 2 ? 'a' : 'b', voter_id: 'fast-voter-1' });
    await sock.next((f) => f.type === 'error' && f.error === 'Too many votes, slow down');
    sock.close();
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list[0]?.total).toBe(1);
  });
});

describe('sessions, snapshots', () => {
  it('[POLLS-18] signed-in users list their sessions, filtered by run; run_id needs a sign-in', async () => {
    const access = await signIn('pollowner');
    const auth = { authorization: `Bearer ${access}` };
    const a = await createSession(server, { run_id: 'run-7' }, auth);
    await createSession(server, {}, auth);
    await createSession(server); // anonymous
    const all = (await server.app.inject({ url: '/api/polls/sessions/', headers: auth })).json() as Json[];
    expect(all).toHaveLength(2);
    const byRun = (
      await server.app.inject({ url: '/api/polls/sessions/?run=run-7', headers: auth })
    ).json() as Json[];
    expect(byRun.map((x) => x.session_id)).toEqual([a.session_id]);
    expect(byRun[0]).toMatchObject({ run_id: 'run-7', moderator_url: a.moderator_url });
    expect((await server.app.inject({ url: '/api/polls/sessions/' })).statusCode).toBe(401);
    const anonymousRun = await server.app.inject({
      method: 'POST',
      url: '/api/polls/create_session/',
      payload: { run_id: 'r' },
    });
    expect(anonymousRun.statusCode).toBe(400);
  });

  it('[POLLS-22] Roomful clients (seq=1 or snapshot=1) get a snapshot on connect; seed clients get nothing', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    const seedClient = await pollSocket(server, s.viewer);
    const ours = await pollSocket(server, s.overlay, '?seq=1');
    const snap = await ours.next((f) => f.type === 'snapshot');
    expect(snap).toMatchObject({ role: 'overlay', session_id: s.session_id, published_question_id: null });
    expect((snap.questions as Json[])[0]).toMatchObject({ id: q.id, votes: { a: 0, b: 0 } });
    await new Promise((r) => setTimeout(r, 200));
    expect(seedClient.frames).toEqual([]);
    seedClient.close();
    ours.close();
  });
});
