// Contract of the Bus port: every implementation runs these tests (test/contract/realtime.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Bus, BusMessage } from '../../src/realtime/bus.js';

/** Recovery window the backends are built with in these tests (small, to reach its end quickly). */
export const CONTRACT_WINDOW = 5;

export interface BusBackend {
  /** The bus of one more server process; buses of one backend share their topics. */
  open(): Promise<Bus>;
  /** Closes every bus it opened and removes what they stored. */
  dispose(): Promise<void>;
}

/** Collects messages; `until` waits for a count without fixed sleeps. */
function collector() {
  const seen: BusMessage[] = [];
  const waiters: { n: number; resolve: () => void }[] = [];
  return {
    seen,
    listener: (m: BusMessage) => {
      seen.push(m);
      for (const w of waiters) if (seen.length >= w.n) w.resolve();
    },
    until: (n: number) =>
      new Promise<void>((resolve, reject) => {
        if (seen.length >= n) return resolve();
        const timer = setTimeout(() => reject(new Error(`saw ${seen.length} of ${n} messages`)), 5_000);
        waiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
      }),
  };
}

export function busContract(
  name: string,
  makeBackend: (options: { recoveryWindow: number }) => BusBackend,
): void {
  describe(`Bus contract: ${name}`, () => {
    let backend: BusBackend;
    let bus: Bus;
    beforeEach(async () => {
      backend = makeBackend({ recoveryWindow: CONTRACT_WINDOW });
      bus = await backend.open();
    });
    afterEach(async () => {
      await backend.dispose();
    });

    it('delivers recorded messages with increasing seqs, per topic', async () => {
      const a = collector();
      const b = collector();
      await bus.subscribe('a', a.listener);
      await bus.subscribe('b', b.listener);
      expect(await bus.publish('a', 'one')).toBe(1);
      expect(await bus.publish('a', 'two')).toBe(2);
      expect(await bus.publish('b', 'uno')).toBe(1);
      await a.until(2);
      await b.until(1);
      expect(a.seen).toEqual([
        { topic: 'a', seq: 1, payload: 'one' },
        { topic: 'a', seq: 2, payload: 'two' },
      ]);
      expect(b.seen).toEqual([{ topic: 'b', seq: 1, payload: 'uno' }]);
      expect(await bus.lastSeq('a')).toBe(2);
      expect(await bus.lastSeq('nothing-here')).toBe(0);
    });

    it('carries any payload unchanged, live and in history', async () => {
      const payloads = [
        '',
        ':',
        '12:34:56',
        '0:',
        '{"text":"héllo ✓ 😀\\n","n":1}',
        'line\nbreak\r\n\t',
        'x'.repeat(70_000),
      ];
      const c = collector();
      await bus.subscribe('odd topic:/1', c.listener);
      for (const p of payloads) await bus.publish('odd topic:/1', p);
      await c.until(payloads.length);
      expect(c.seen.map((m) => m.payload)).toEqual(payloads);
      const history = await bus.history('odd topic:/1', payloads.length - 3);
      expect(history?.map((m) => m.payload)).toEqual(payloads.slice(-3));
    });

    it('history: [] when nothing is newer, the missed messages oldest first, null past the window', async () => {
      expect(await bus.history('h', 0)).toEqual([]);
      for (let i = 1; i <= 8; i++) await bus.publish('h', `m${i}`);
      // The window keeps seqs 4..8.
      expect(await bus.history('h', 8)).toEqual([]);
      expect(await bus.history('h', 5)).toEqual([
        { topic: 'h', seq: 6, payload: 'm6' },
        { topic: 'h', seq: 7, payload: 'm7' },
        { topic: 'h', seq: 8, payload: 'm8' },
      ]);
      expect((await bus.history('h', 3))?.map((m) => m.seq)).toEqual([4, 5, 6, 7, 8]);
      expect(await bus.history('h', 2)).toBeNull();
      expect(await bus.history('h', 0)).toBeNull();
    });

    it('an unrecorded publish is delivered with seq 0 and neither counted nor kept', async () => {
      const c = collector();
      await bus.subscribe('v', c.listener);
      await bus.publish('v', 'kept');
      expect(await bus.publish('v', 'volatile', { record: false })).toBe(0);
      await bus.publish('v', 'kept too');
      await c.until(3);
      expect(c.seen.map((m) => [m.seq, m.payload])).toEqual([
        [1, 'kept'],
        [0, 'volatile'],
        [2, 'kept too'],
      ]);
      expect(await bus.lastSeq('v')).toBe(2);
      expect((await bus.history('v', 0))?.map((m) => m.payload)).toEqual(['kept', 'kept too']);
    });

    it('unsubscribe stops delivery to that listener only, and the last one stops the topic', async () => {
      const first = collector();
      const second = collector();
      const barrier = collector();
      const offFirst = await bus.subscribe('u', first.listener);
      const offSecond = await bus.subscribe('u', second.listener);
      await bus.subscribe('barrier', barrier.listener);
      await bus.publish('u', '1');
      await second.until(1);
      offFirst();
      offFirst(); // idempotent: must not drop the other listener's share
      await bus.publish('u', '2');
      await second.until(2);
      offSecond();
      await bus.publish('u', '3');
      // Messages arrive in publish order, so once the barrier is in, '3' would have been too.
      await bus.publish('barrier', 'b');
      await barrier.until(1);
      expect(first.seen.map((m) => m.payload)).toEqual(['1']);
      expect(second.seen.map((m) => m.payload)).toEqual(['1', '2']);
      // Subscribing again after the topic was dropped works.
      const again = collector();
      await bus.subscribe('u', again.listener);
      await bus.publish('u', '4');
      await again.until(1);
      expect(again.seen.map((m) => m.payload)).toEqual(['4']);
    });

    it('a listener that throws does not stop delivery to the others', async () => {
      const c = collector();
      await bus.subscribe('t', () => {
        throw new Error('listener failure (expected in this test)');
      });
      await bus.subscribe('t', c.listener);
      await bus.publish('t', 'x');
      await bus.publish('t', 'y');
      await c.until(2);
      expect(c.seen.map((m) => m.payload)).toEqual(['x', 'y']);
    });

    it('a listener that publishes in reaction does not reorder what the others see', async () => {
      const c = collector();
      await bus.subscribe('r', (m) => {
        if (m.payload === 'question') void bus.publish('r', 'answer');
      });
      await bus.subscribe('r', c.listener);
      await bus.publish('r', 'question');
      await c.until(2);
      expect(c.seen.map((m) => [m.seq, m.payload])).toEqual([
        [1, 'question'],
        [2, 'answer'],
      ]);
    });

    it('two processes: subscribed as soon as subscribe resolves, and both see one order', async () => {
      const other = await backend.open();
      const here = collector();
      const there = collector();
      await bus.subscribe('shared', here.listener);
      await other.subscribe('shared', there.listener);
      // Interleaved concurrent publishes from both processes.
      const sent = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 ? other : bus).publish('shared', `p${i}`)),
      );
      expect([...sent].sort((x, y) => x - y)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      await here.until(200);
      await there.until(200);
      expect(here.seen.map((m) => m.seq)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(there.seen).toEqual(here.seen);
      expect(await other.lastSeq('shared')).toBe(200);
      expect((await other.history('shared', 197))?.map((m) => m.seq)).toEqual([198, 199, 200]);
    });
  });
}
