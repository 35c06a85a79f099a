/**
 * Roomful's poll rules beyond the seed: countdowns with a fake clock, close and reopen, results
 * visibility and reveal, run again, coalesced tally pushes, restarts, exports and demo data
 * [POLLS-12..16, 19, 23]. Rules: docs/spec/polls.md.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTask } from '../../src/features/admin/tasks.js';
import { FakeClock } from '../../src/realtime/clock.js';
import type { Database } from '../../src/storage/database.js';
import { pgliteTestDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import type { TestSocket } from '../helpers/ws-client.js';
import { addQuestion, createSession, pollSocket, tallyOf, type Json } from './polls-helpers.js';

const clock = new FakeClock();
let database: Database;
let server: TestServer;

beforeAll(async () => {
  database = await pgliteTestDatabase();
  server = await startTestServer({ clock, database, keepDatabase: true });
});
afterAll(async () => {
  await server.close();
  await database.close();
});

const list = async (token: string) =>
  (await server.app.inject({ url: `/api/polls/m/${token}/` })).json() as Json[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function vote(sock: TestSocket, qid: string, answer: string, voterId: string): Promise<Json> {
  sock.send({ type: 'vote', question_id: qid, answer, voter_id: voterId });
  return sock.next((f) => f.type === 'ballot' || f.type === 'error');
}

describe('closing', () => {
  it('[POLLS-12] a countdown closes voting at its deadline (fake clock) with one shared sweep', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    const mod = await pollSocket(server, s.mod);
    const viewer = await pollSocket(server, s.viewer);
    mod.send({ type: 'start_countdown', question_id: q.id, seconds: 30 });
    const started = await viewer.next((f) => f.type === 'question_state');
    expect(started).toMatchObject({
      question_id: q.id,
      question: { status: 'open', closes_at: new Date(clock.now() + 30_000).toISOString() },
    });
    clock.advance(29_000);
    expect(await vote(viewer, q.id, 'a', 'countdown-voter-1')).toMatchObject({ type: 'ballot' });
    clock.advance(1_000);
    // At the deadline votes are refused at once, before the sweep has closed the row.
    expect(await vote(viewer, q.id, 'b', 'countdown-voter-2')).toEqual({
      type: 'error',
      error: 'Voting is closed',
    });
    const closed = await viewer.next(
      (f) => f.type === 'question_state' && (f.question as Json).status === 'closed',
    );
    expect(closed.question_id).toBe(q.id);
    expect((await list(s.mod))[0]).toMatchObject({ status: 'closed', total: 1, votes: { a: 1, b: 0 } });
    mod.close();
    viewer.close();
  });

  it('[POLLS-12] close now refuses votes; reopen accepts them again and keeps the ballots', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    const viewer = await pollSocket(server, s.viewer);
    expect(await vote(viewer, q.id, 'a', 'close-voter-1')).toMatchObject({ type: 'ballot' });
    const close = await server.app.inject({
      method: 'POST',
      url: `/api/polls/m/${s.mod}/questions/${q.id}/close/`,
    });
    expect(close.json()).toMatchObject({ status: 'closed' });
    expect(await vote(viewer, q.id, 'b', 'close-voter-1')).toEqual({
      type: 'error',
      error: 'Voting is closed',
    });
    await server.app.inject({ method: 'POST', url: `/api/polls/m/${s.mod}/questions/${q.id}/reopen/` });
    await viewer.next((f) => f.type === 'question_state' && (f.question as Json).status === 'open');
    expect(await vote(viewer, q.id, 'b', 'close-voter-1')).toMatchObject({ type: 'ballot' });
    expect((await list(s.mod))[0]).toMatchObject({ votes: { a: 0, b: 1 }, total: 1 });
    viewer.close();
  });
});

describe('visibility', () => {
  it('[POLLS-13] hidden results reach only moderators until revealed', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'], visibility: 'hidden' });
    const mod = await pollSocket(server, s.mod);
    const viewer = await pollSocket(server, s.viewer);
    const overlay = await pollSocket(server, s.overlay, '?snapshot=1');
    expect(((await overlay.next((f) => f.type === 'snapshot')).questions as Json[])[0]).toMatchObject({
      votes: {},
      results_visible: false,
    });
    await vote(viewer, q.id, 'a', 'hidden-voter-1');
    await tallyOf(mod, q.id, 1);
    await sleep(450);
    expect(viewer.frames.filter((f) => (f as Json).type === 'vote')).toEqual([]);
    expect(overlay.frames.filter((f) => (f as Json).type === 'vote')).toEqual([]);
    expect(
      ((await server.app.inject({ url: `/api/polls/v/${s.viewer}/` })).json() as Json[])[0]?.votes,
    ).toEqual({});
    mod.send({ type: 'reveal_results', question_id: q.id });
    expect(await tallyOf(viewer, q.id, 1)).toMatchObject({ votes: { a: 1, b: 0 } });
    await tallyOf(overlay, q.id, 1);
    for (const sock of [mod, viewer, overlay]) sock.close();
  });

  it('[POLLS-13] "after vote" shows a viewer the tally once they voted; "after close" once closed', async () => {
    const s = await createSession(server);
    const afterVote = await addQuestion(server, s.mod, {
      question: 'v',
      answers: ['a', 'b'],
      visibility: 'after_vote',
    });
    const afterClose = await addQuestion(server, s.mod, {
      question: 'c',
      answers: ['a', 'b'],
      visibility: 'after_close',
    });
    const voter = await pollSocket(server, s.viewer);
    const lurker = await pollSocket(server, s.viewer);
    await vote(voter, afterVote.id, 'b', 'after-voter-1');
    expect(await tallyOf(voter, afterVote.id, 1)).toMatchObject({ votes: { a: 0, b: 1 } });
    await vote(voter, afterClose.id, 'a', 'after-voter-1');
    await sleep(450);
    expect(
      voter.frames.some((f) => (f as Json).type === 'vote' && (f as Json).question_id === afterClose.id),
    ).toBe(false);
    expect(lurker.frames.some((f) => (f as Json).type === 'vote')).toBe(false);
    await server.app.inject({
      method: 'POST',
      url: `/api/polls/m/${s.mod}/questions/${afterClose.id}/close/`,
    });
    expect(await tallyOf(lurker, afterClose.id, 1)).toMatchObject({
      votes: { a: 1, b: 0 },
      status: 'closed',
    });
    voter.close();
    lurker.close();
  });
});

describe('rounds, pushes, exports', () => {
  it('[POLLS-14] run again archives the old result and starts an empty round the same voters can vote in', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    const viewer = await pollSocket(server, s.viewer);
    await vote(viewer, q.id, 'a', 'round-voter-1');
    await server.app.inject({ method: 'POST', url: `/api/polls/m/${s.mod}/questions/${q.id}/close/` });
    const again = await server.app.inject({
      method: 'POST',
      url: `/api/polls/m/${s.mod}/questions/${q.id}/run_again/`,
    });
    expect(again.json()).toMatchObject({ round: 2, status: 'open' });
    expect((await list(s.mod))[0]).toMatchObject({ round: 2, total: 0, votes: { a: 0, b: 0 } });
    expect(await vote(viewer, q.id, 'b', 'round-voter-1')).toMatchObject({ type: 'ballot', round: 2 });
    const history = (await server.app.inject({ url: `/api/polls/m/${s.mod}/history/` })).json() as Json[];
    expect(history).toEqual([
      expect.objectContaining({ question_id: q.id, round: 1, votes: { a: 1, b: 0 }, total: 1 }),
    ]);
    const csv = (await server.app.inject({ url: `/api/polls/m/${s.mod}/export/?format=csv` })).body;
    expect(csv.split('\r\n')).toEqual(
      expect.arrayContaining([
        'Question,Round,Answer,Votes,Percent,Ballots',
        'q,1,a,1,100,1',
        'q,2,b,1,100,1',
      ]),
    );
    viewer.close();
  });

  it('[POLLS-15] under a vote storm tallies are pushed at most ~5 times a second and the last one is exact', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'q', answers: ['a', 'b'] });
    const mod = await pollSocket(server, s.mod);
    const sockets = await Promise.all(Array.from({ length: 150 }, () => pollSocket(server, s.viewer)));
    const started = performance.now();
    sockets.forEach((sock, i) =>
      sock.send({ type: 'vote', question_id: q.id, answer: i % 3 ? 'a' : 'b', voter_id: `storm-voter-${i}` }),
    );
    await Promise.all(sockets.map((sock) => sock.next((f) => f.type === 'ballot', 15_000)));
    const final = await tallyOf(mod, q.id, 150, 10_000);
    const elapsed = performance.now() - started;
    expect(final.votes).toEqual({ a: 100, b: 50 });
    const pushes = mod.frames.filter((f) => (f as Json).type === 'vote').length;
    expect(pushes).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
    for (const sock of [mod, ...sockets]) sock.close();
  });

  it('[POLLS-19] exports results as xlsx', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: '=cmd', answers: ['a', 'b'] });
    const viewer = await pollSocket(server, s.viewer);
    await vote(viewer, q.id, 'b', 'xlsx-voter-1');
    const res = await server.app.inject({ url: `/api/polls/m/${s.mod}/export/?format=xlsx` });
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const rows = wb.worksheets[0]
      ?.getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1));
    expect(rows).toEqual([
      ['Question', 'Round', 'Answer', 'Votes', 'Percent', 'Ballots'],
      ['=cmd', 1, 'a', 0, 0, 1],
      ['=cmd', 1, 'b', 1, 100, 1],
    ]);
    expect((await server.app.inject({ url: `/api/polls/m/${s.mod}/export/` })).body).toContain("'=cmd");
    viewer.close();
  });
});

describe('durability', () => {
  it('[POLLS-16] a restart keeps sessions, tokens, questions, ballots, state and history', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'kept?', answers: ['a', 'b'] });
    const viewer = await pollSocket(server, s.viewer);
    await vote(viewer, q.id, 'a', 'restart-voter-1');
    await vote(viewer, q.id, 'a', 'restart-voter-1');
    const mod = await pollSocket(server, s.mod);
    mod.send({ type: 'publish_question', question_id: q.id });
    await mod.next((f) => f.type === 'publish_question');
    viewer.close();
    mod.close();
    await server.close();
    server = await startTestServer({ clock, database, keepDatabase: true });
    expect((await list(s.mod))[0]).toMatchObject({ id: q.id, votes: { a: 1, b: 0 }, total: 1 });
    const back = await pollSocket(server, s.viewer, '?snapshot=1');
    expect(await back.next((f) => f.type === 'snapshot')).toMatchObject({ published_question_id: q.id });
    expect(await vote(back, q.id, 'b', 'restart-voter-1')).toMatchObject({ type: 'ballot' });
    expect((await list(s.mod))[0]).toMatchObject({ votes: { a: 0, b: 1 }, total: 1 });
    back.close();
  });

  it('[POLLS-23] seed-demo makes a demo session once; --clear makes it again', async () => {
    const deps = { database, config: server.ctx.config };
    await runTask('seed-demo', deps, {});
    expect(await runTask('seed-demo', deps, {})).toContain('Demo poll session exists');
    expect(await runTask('seed-demo', deps, { clear: true })).toContain('Demo poll session created');
  });
});
