/**
 * [POLLS-20] Fuzzed poll frames and bodies: every bad input gets a 4xx or an error frame, never a
 * 500 or an internal error, the socket stays open, and nothing changes but valid ballots.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  addQuestion,
  createSession,
  pollSocket,
  type Json,
  type PollLinks,
} from '../integration/polls-helpers.js';

let server: TestServer;
let s: PollLinks;
let qid: string;

beforeAll(async () => {
  server = await startTestServer({ config: {} });
  s = await createSession(server);
  qid = (await addQuestion(server, s.mod, { question: 'fuzz', answers: ['a', 'b'] })).id as string;
});
afterAll(async () => {
  await server.close();
});

const TYPES = [
  'vote',
  'publish_question',
  'unpublish_question',
  'sync_questions',
  'delete_question',
  'close_question',
  'reopen_question',
  'reveal_results',
  'run_again',
  'start_countdown',
  'snapshot',
  'nope',
];

const value = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.constantFrom('a', 'b', 'q-x'),
  fc.object({ maxDepth: 1 }),
);

const frame = fc.record(
  {
    type: fc.oneof(fc.constantFrom(...TYPES), value),
    question_id: fc.oneof(value, fc.constant('__QID__')),
    answer: value,
    answers: value,
    voter_id: value,
    seconds: value,
  },
  { requiredKeys: [] },
);

describe('polls fuzz', () => {
  it('[POLLS-20] fuzzed socket frames get error frames or ballots; the socket stays open', async () => {
    const viewer = await pollSocket(server, s.viewer);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          frame.map((f) => JSON.stringify(f).replaceAll('__QID__', qid)),
          fc.string(),
        ),
        async (text) => {
          viewer.sendRaw(text);
        },
      ),
      { numRuns: 300 },
    );
    viewer.send({ type: 'snapshot' });
    await viewer.next((f) => f.type === 'snapshot', 10_000);
    expect(viewer.ws.readyState).toBe(1);
    for (const f of viewer.frames as Json[]) {
      expect(['error', 'ballot', 'snapshot', 'vote', 'time_sync', 'question_state']).toContain(f.type);
      if (f.type === 'error') expect(f.error).not.toMatch(/internal/i);
    }
    const list = (await server.app.inject({ url: `/api/polls/m/${s.mod}/` })).json() as Json[];
    expect(list.map((q) => q.id)).toEqual([qid]);
    expect(list[0]?.status).toBe('open');
    expect(list[0]?.total).toBeLessThanOrEqual(1); // the connection binds one voter at most
    viewer.close();
  });

  it('[POLLS-20] fuzzed REST bodies and paths answer 2xx or 4xx JSON, never 500', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            question: value,
            answers: value,
            kind: value,
            max_choices: value,
            visibility: value,
            run_id: value,
            seconds: value,
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom(
          ['POST', `/api/polls/m/${s.mod}/`],
          ['POST', `/api/polls/m/${s.mod}/add_poll/`],
          ['PATCH', `/api/polls/m/${s.mod}/questions/__QID__/`],
          ['POST', `/api/polls/m/${s.mod}/questions/__QID__/countdown/`],
          ['POST', '/api/polls/create_session/'],
          ['POST', `/api/polls/m/${s.viewer}/`],
          ['GET', '/api/polls/v/%00%ff/'],
        ),
        async (body, [method, url]) => {
          const res = await server.app.inject({
            method: method as 'POST',
            url: url.replace('__QID__', qid),
            payload: body,
          });
          expect(res.statusCode).toBeLessThan(500);
          expect(res.headers['content-type']).toContain('application/json');
        },
      ),
      { numRuns: 200 },
    );
  });
});
