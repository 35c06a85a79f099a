/**
 * [POLLS-17] 1,000 viewers voting at once across two server processes on one PostgreSQL and one
 * Redis end in exactly 1,000 ballots, and an overlay on the other process gets a frame showing them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServerPair, type ServerPair, type ServerProcess } from '../helpers/server-processes.js';
import { postgresUrl, redisUrl } from '../helpers/services.js';
import { connect, type TestSocket } from '../helpers/ws-client.js';
import type { Json } from './polls-helpers.js';

const VOTERS = 1000;

async function post(url: string, body: Json): Promise<Json> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  return (await res.json()) as Json;
}

describe.skipIf(!postgresUrl || !redisUrl)('polls on two processes (Redis + PostgreSQL)', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  let pair: ServerPair;

  beforeAll(async () => {
    pair = await startServerPair();
    ({ a, b } = pair);
  }, 120_000);

  afterAll(async () => {
    await pair?.close();
  });

  it('[POLLS-17] 1,000 voters on two processes: exactly 1,000 ballots and an overlay frame showing them', async () => {
    const session = await post(`${a.http}/api/polls/create_session/`, {});
    const token = (url: string) => url.split('/').pop() ?? '';
    const [mod, viewer, overlayToken] = [session.moderator_url, session.viewer_url, session.overlay_url].map(
      token,
    );
    const q = await post(`${a.http}/api/polls/m/${mod}/`, {
      question: 'Storm?',
      answers: ['red', 'green', 'blue'],
    });
    const overlay = await connect(`${b.ws}/ws/polls/${overlayToken}/`);
    const moderator = await connect(`${a.ws}/ws/polls/${mod}/`);
    moderator.send({ type: 'publish_question', question_id: q.id });
    await overlay.next((f) => f.type === 'publish_question');

    const voters: TestSocket[] = [];
    for (let i = 0; i < VOTERS; i += 100) {
      const batch = await Promise.all(
        Array.from({ length: 100 }, (_, j) =>
          connect(`${(i + j) % 2 === 0 ? a.ws : b.ws}/ws/polls/${viewer}/`),
        ),
      );
      voters.push(...batch);
    }
    const expected: Record<string, number> = { red: 0, green: 0, blue: 0 };
    const answers = ['red', 'green', 'blue'] as const;
    voters.forEach((sock, i) => {
      const answer = answers[i % 3] ?? 'red';
      expected[answer] = (expected[answer] ?? 0) + 1;
      sock.send({ type: 'vote', question_id: q.id, answer, voter_id: `storm-voter-${i}` });
    });
    const acks = await Promise.all(
      voters.map((sock) => sock.next((f) => f.type === 'ballot' || f.type === 'error', 30_000)),
    );
    expect(acks.filter((f) => f.type !== 'ballot')).toEqual([]);

    const final = await overlay.next<Json>((f) => f.type === 'vote' && f.total === VOTERS, 30_000);
    expect(final).toMatchObject({ question_id: q.id, votes: expected, is_published: true });
    // The ballot table is the source of truth, read through the other process.
    const list = (await (await fetch(`${b.http}/api/polls/m/${mod}/`)).json()) as Json[];
    expect(list[0]).toMatchObject({ total: VOTERS, votes: expected });
    // No overlay frame ever showed more than what was stored.
    const totals = overlay.frames
      .filter((f) => (f as Json).type === 'vote')
      .map((f) => (f as Json).total as number);
    expect(Math.max(...totals)).toBe(VOTERS);
    for (const sock of [...voters, overlay, moderator]) sock.close();
  }, 90_000);
});
