/**
 * [CORE-40] Fuzzed frames: random text and random JSON sent to an endpoint never crash the server,
 * never close the socket (below the size limit), and every rejected frame gets an error frame.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';

let server: TestServer;
let accepted = 0;

beforeAll(async () => {
  server = await startTestServer({
    setup: (_app, ctx) =>
      ctx.gateway.register({
        name: 'fuzz',
        path: '/ws/fuzz/',
        frames: z.object({ type: z.literal('ping'), n: z.number().int() }),
        onFrame(session, frame) {
          accepted += 1;
          session.send({ type: 'pong', n: frame.n });
        },
      }),
  });
});
afterAll(async () => {
  await server.close();
});

it('[CORE-40] random frames get error frames and the socket stays usable', async () => {
  const socket = await connect(`${server.wsUrl}/ws/fuzz/`);
  const inputs = fc.sample(
    fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 3 }),
      fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? 'undefined'),
      fc
        .record({ type: fc.constantFrom('ping', 'time_sync', 'x'), n: fc.anything() })
        .map((v) => JSON.stringify(v)),
    ),
    { numRuns: 500, seed: 42 },
  );
  const before = accepted;
  // Batches, each ending with a marker ping, so replies can be counted per batch.
  for (let start = 0, batch = 0; start < inputs.length; start += 50, batch += 1) {
    for (const text of inputs.slice(start, start + 50)) socket.sendRaw(text);
    socket.send({ type: 'ping', n: -1 - batch });
    await socket.next((f) => f.type === 'pong' && f.n === -1 - batch, 20_000);
  }
  // Every frame got exactly one answer: an error, a pong, or a time_sync reply.
  expect(socket.frames.length).toBe(inputs.length + Math.ceil(inputs.length / 50));
  const pongs = socket.frames.filter((f) => (f as { type?: string }).type === 'pong').length;
  expect(pongs).toBe(accepted - before);
  expect(socket.ws.readyState).toBe(1);
  socket.close();
});
