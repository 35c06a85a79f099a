// Contract of the EphemeralStore port: every implementation runs these tests (test/contract/realtime.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EphemeralStore } from '../../src/realtime/ephemeral.js';

export interface EphemeralBackend {
  /** The store of one more server process; stores of one backend share their keys. */
  open(): Promise<EphemeralStore>;
  /**
   * Moves time forward by `ms` for every store of this backend: the injected (fake) clock, and, for
   * a backend whose TTLs run on a real server clock, real time too. Keep `ms` small.
   */
  advance(ms: number): Promise<void>;
  /** Closes every store it opened and removes what they stored. */
  dispose(): Promise<void>;
}

export function ephemeralContract(name: string, makeBackend: () => EphemeralBackend): void {
  describe(`EphemeralStore contract: ${name}`, () => {
    let backend: EphemeralBackend;
    let store: EphemeralStore;
    beforeEach(async () => {
      backend = makeBackend();
      store = await backend.open();
    });
    afterEach(async () => {
      await backend.dispose();
    });

    it('get, set, del', async () => {
      expect(await store.get('k')).toBeNull();
      await store.set('k', 'v');
      expect(await store.get('k')).toBe('v');
      await store.set('k', 'w:ü');
      expect(await store.get('k')).toBe('w:ü');
      await store.del('k');
      expect(await store.get('k')).toBeNull();
      await store.del('never-set');
    });

    it('a key set with a TTL vanishes after it; ttl reports what is left', async () => {
      await store.set('short', 'v', 150);
      await store.set('forever', 'v');
      const left = await store.ttl('short');
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(150);
      expect(await store.ttl('forever')).toBeNull();
      expect(await store.ttl('absent')).toBeNull();
      await backend.advance(200);
      expect(await store.get('short')).toBeNull();
      expect(await store.ttl('short')).toBeNull();
      expect(await store.get('forever')).toBe('v');
    });

    it('setIfAbsent sets only once, and again after expiry', async () => {
      const other = await backend.open();
      expect(await store.setIfAbsent('lock', 'a', 150)).toBe(true);
      expect(await other.setIfAbsent('lock', 'b', 150)).toBe(false);
      expect(await other.get('lock')).toBe('a');
      await backend.advance(200);
      expect(await other.setIfAbsent('lock', 'b')).toBe(true);
      expect(await store.get('lock')).toBe('b');
      expect(await store.ttl('lock')).toBeNull();
    });

    it('incr counts from 0, by any step; its TTL is set at creation and kept', async () => {
      expect(await store.incr('n')).toBe(1);
      expect(await store.incr('n', 5)).toBe(6);
      expect(await store.incr('n', -2)).toBe(4);
      expect(await store.get('n')).toBe('4');
      expect(await store.incr('t', 1, 200)).toBe(1);
      await backend.advance(120);
      expect(await store.incr('t', 1, 200)).toBe(2); // does not extend the TTL
      await backend.advance(120);
      expect(await store.get('t')).toBeNull();
      expect(await store.incr('t', 1, 200)).toBe(1);
    });

    it('incr is atomic across 200 concurrent calls from two processes', async () => {
      const other = await backend.open();
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 ? other : store).incr('c')),
      );
      expect([...results].sort((a, b) => a - b)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(await store.get('c')).toBe('200');
    });

    it('sets: add, has, members, remove', async () => {
      expect(await store.setMembers('s')).toEqual([]);
      expect(await store.setHas('s', 'a')).toBe(false);
      await store.setAdd('s', 'a');
      await store.setAdd('s', 'b');
      await store.setAdd('s', 'a');
      expect(await store.setHas('s', 'a')).toBe(true);
      expect((await store.setMembers('s')).sort()).toEqual(['a', 'b']);
      await store.setRemove('s', 'a');
      await store.setRemove('s', 'absent');
      expect(await store.setMembers('s')).toEqual(['b']);
      await store.setRemove('s', 'b');
      expect(await store.setMembers('s')).toEqual([]);
    });

    it('hit allows `limit` hits in a window, then refuses with the time until the oldest leaves', async () => {
      const rule = { limit: 3, windowMs: 1_000 };
      for (let i = 1; i <= 3; i++)
        expect(await store.hit('ip', rule)).toEqual({ allowed: true, retryAfterMs: 0, count: i });
      const refused = await store.hit('ip', rule);
      expect(refused).toMatchObject({ allowed: false, count: 3 });
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(1_000);
      expect((await store.hit('another-ip', rule)).allowed).toBe(true);
    });

    it('the window slides: each hit frees its place windowMs after it was made', async () => {
      const rule = { limit: 2, windowMs: 100 };
      expect((await store.hit('w', rule)).allowed).toBe(true); // t=0
      await backend.advance(60);
      expect((await store.hit('w', rule)).allowed).toBe(true); // t=60
      const refused = await store.hit('w', rule);
      expect(refused.allowed).toBe(false);
      expect(refused.retryAfterMs).toBe(40);
      await backend.advance(50); // t=110: the t=0 hit left the window
      expect(await store.hit('w', rule)).toEqual({ allowed: true, retryAfterMs: 0, count: 2 });
      expect((await store.hit('w', rule)).allowed).toBe(false);
    });

    it('passing the limit starts a cooldown that refuses everything until it ends', async () => {
      const rule = { limit: 2, windowMs: 100, cooldownMs: 300 };
      await store.hit('cd', rule);
      await store.hit('cd', rule);
      expect(await store.hit('cd', rule)).toMatchObject({ allowed: false, retryAfterMs: 300 });
      await backend.advance(150); // the window is empty again, the cooldown is not over
      const during = await store.hit('cd', rule);
      expect(during).toMatchObject({ allowed: false, retryAfterMs: 150 });
      await backend.advance(160);
      expect(await store.hit('cd', rule)).toEqual({ allowed: true, retryAfterMs: 0, count: 1 });
    });

    it('resetHits forgets hits and cooldown', async () => {
      const rule = { limit: 1, windowMs: 10_000, cooldownMs: 10_000 };
      await store.hit('login', rule);
      expect((await store.hit('login', rule)).allowed).toBe(false);
      await store.resetHits('login');
      expect((await store.hit('login', rule)).allowed).toBe(true);
    });

    it('a rate limit and a stored value of the same name do not collide', async () => {
      await store.set('same', 'value');
      expect((await store.hit('same', { limit: 5, windowMs: 1_000 })).allowed).toBe(true);
      expect(await store.get('same')).toBe('value');
      await store.resetHits('same');
      expect(await store.get('same')).toBe('value');
    });

    it('200 concurrent hits from two processes with limit 50 allow exactly 50', async () => {
      const other = await backend.open();
      const rule = { limit: 50, windowMs: 60_000 };
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) => (i % 2 ? other : store).hit('burst', rule)),
      );
      expect(results.filter((r) => r.allowed)).toHaveLength(50);
      expect(
        results
          .filter((r) => r.allowed)
          .map((r) => r.count)
          .sort((a, b) => a - b),
      ).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    });
  });
}
