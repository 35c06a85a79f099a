/**
 * [CLICKS-40..41] Fuzzed click wall input: random payloads for `click`, `event` and `auth` (and
 * unknown events) never crash the server, never close the socket, and every broadcast that results
 * satisfies the rules (name 1-15, comment up to 75, style only allow-listed classes).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { clickSchema, filterStyle, STYLE_CLASSES } from '../../src/features/clicks/schemas.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connectClicks, settle } from '../integration/fixtures/clicks-client.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    config: {
      clicksBatchMs: 5,
      clicksBurst: 10_000,
      clicksPerSecond: 10_000,
      clicksPerAddressPerSecond: 100_000,
    },
  });
});
afterAll(async () => {
  await server.close();
});

const text = fc.oneof(
  fc.string({ maxLength: 100 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.constantFrom('', ' ', '\n', '<script>alert(1)</script>', 'fire blue', '\u202e evil'),
);
const payload = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.record(
    {
      user: fc.oneof(text, fc.anything()),
      comment: fc.oneof(text, fc.anything()),
      style: fc.oneof(text, fc.anything()),
    },
    { requiredKeys: [] },
  ),
  fc.record({ user: text, name: fc.oneof(text, fc.anything()) }, { requiredKeys: [] }),
);

it('[CLICKS-40] random payloads: the socket stays, broadcasts obey the rules', async () => {
  for (const version of ['v2', 'v4'] as const) {
    const socket = await connectClicks(server.url, version, ['websocket']);
    const inputs = fc.sample(
      fc.tuple(fc.constantFrom('click', 'event', 'auth', 'other', 'message'), payload),
      300,
    );
    for (const [event, value] of inputs) socket.emit(event, value);
    socket.emit('click', { user: `end${version}` });
    await socket.next('click', (c) => c.user === `end${version}`, 10_000);
    await settle(100);
    expect(socket.connected()).toBe(true);
    for (const click of socket.all('click')) {
      expect(typeof click.user).toBe('string');
      // Limits count characters (code points, as the original's Python len did), not UTF-16 units.
      expect([...String(click.user)].length).toBeGreaterThanOrEqual(1);
      expect([...String(click.user)].length, JSON.stringify(click.user)).toBeLessThanOrEqual(15);
      expect(click.comment === null || [...String(click.comment)].length <= 75).toBe(true);
      for (const cls of String(click.style ?? '')
        .split(' ')
        .filter(Boolean))
        expect(STYLE_CLASSES.has(cls)).toBe(true);
      expect(Number.isInteger(click.timestamp)).toBe(true);
    }
    socket.close();
  }
  const health = await fetch(`${server.url}/api/health/`);
  expect(health.status).toBe(200);
});

it('[CLICKS-41] the click schema never throws and never lets an unlisted style class through', () => {
  fc.assert(
    fc.property(fc.anything(), (value) => {
      const result = clickSchema.safeParse(value);
      if (result.success) {
        expect(result.data.user.length).toBeGreaterThan(0);
        expect(result.data.user.length).toBeLessThanOrEqual(15);
      }
    }),
  );
  fc.assert(
    fc.property(fc.string(), (style) => {
      for (const cls of (filterStyle(style) ?? '').split(' ').filter(Boolean))
        expect(STYLE_CLASSES.has(cls)).toBe(true);
    }),
  );
});
