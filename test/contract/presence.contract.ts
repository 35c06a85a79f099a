// Contract of the Presence port: every implementation runs these tests (test/contract/realtime.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Presence, PresenceEntry } from '../../src/realtime/presence.js';

export interface PresenceBackend {
  /** The presence of one more server process (node); nodes of one backend share their topics. */
  open(): Promise<Presence>;
  /**
   * Makes `node` fall silent as a crashed process would (no clean-up), when the implementation can
   * lose nodes at all; `deadAfterMs` is how long until its entries must be gone.
   */
  crash?: (node: Presence) => Promise<void>;
  deadAfterMs?: number;
  /** Closes every node it opened and removes what they stored. */
  dispose(): Promise<void>;
}

const members = (entries: PresenceEntry[]) => [...new Set(entries.map((e) => e.memberId))].sort();
const connections = (entries: PresenceEntry[], memberId: string) =>
  entries.filter((e) => e.memberId === memberId).reduce((sum, e) => sum + e.connections, 0);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function presenceContract(name: string, makeBackend: () => PresenceBackend): void {
  describe(`Presence contract: ${name}`, () => {
    let backend: PresenceBackend;
    let node: Presence;
    beforeEach(async () => {
      backend = makeBackend();
      node = await backend.open();
    });
    afterEach(async () => {
      await backend.dispose();
    });

    it('join is true for the first connection only, leave for the last only', async () => {
      expect(await node.join('room', 'ann', { name: 'Ann' })).toBe(true);
      expect(await node.join('room', 'ann', { name: 'Ann 2' })).toBe(false);
      expect(await node.join('room', 'bob', { name: 'Bob' })).toBe(true);
      const entries = await node.list('room');
      expect(members(entries)).toEqual(['ann', 'bob']);
      const ann = entries.find((e) => e.memberId === 'ann');
      expect(ann).toMatchObject({ nodeId: node.nodeId, connections: 2, info: { name: 'Ann 2' } });
      expect(await node.count('room')).toBe(2);
      expect(await node.leave('room', 'ann')).toBe(false);
      expect(connections(await node.list('room'), 'ann')).toBe(1);
      expect(await node.leave('room', 'ann')).toBe(true);
      expect(await node.leave('room', 'ann')).toBe(false); // nothing left to remove
      expect(await node.leave('room', 'nobody')).toBe(false);
      expect(members(await node.list('room'))).toEqual(['bob']);
      expect(await node.count('other-room')).toBe(0);
      expect(await node.list('other-room')).toEqual([]);
    });

    it('topics are independent', async () => {
      expect(await node.join('a', 'ann', {})).toBe(true);
      expect(await node.join('b', 'ann', {})).toBe(true);
      expect(await node.leave('a', 'ann')).toBe(true);
      expect(await node.count('a')).toBe(0);
      expect(await node.count('b')).toBe(1);
    });

    it('two nodes: a member counts once, and leaves only when gone from both', async () => {
      const other = await backend.open();
      expect(await node.join('room', 'ann', { n: 1 })).toBe(true);
      expect(await other.join('room', 'ann', { n: 2 })).toBe(false);
      expect(await other.join('room', 'ann', { n: 2 })).toBe(false);
      expect(await other.join('room', 'bob', {})).toBe(true);
      expect(await node.count('room')).toBe(2);
      const entries = await other.list('room');
      expect(members(entries)).toEqual(['ann', 'bob']);
      expect(connections(entries, 'ann')).toBe(3);
      expect(await node.leave('room', 'ann')).toBe(false);
      expect(await other.leave('room', 'ann')).toBe(false);
      expect(await other.leave('room', 'ann')).toBe(true);
      expect(await node.count('room')).toBe(1);
    });

    it('two nodes at once: exactly one join is first and exactly one leave is last', async () => {
      const other = await backend.open();
      for (let round = 0; round < 20; round++) {
        const joins = await Promise.all([node.join('race', 'ann', {}), other.join('race', 'ann', {})]);
        expect(joins.filter(Boolean)).toHaveLength(1);
        const leaves = await Promise.all([node.leave('race', 'ann'), other.leave('race', 'ann')]);
        expect(leaves.filter(Boolean)).toHaveLength(1);
      }
      expect(await node.count('race')).toBe(0);
    });

    it('close removes that node’s entries and no others', async () => {
      const other = await backend.open();
      await node.join('room', 'ann', {});
      await node.join('room', 'both', {});
      await other.join('room', 'bob', {});
      await other.join('room', 'both', {});
      await node.close();
      expect(members(await other.list('room'))).toEqual(['bob', 'both']);
      expect(await other.count('room')).toBe(2);
      expect(await other.join('room', 'ann', {})).toBe(true);
    });

    it('a crashed node’s entries vanish once its heartbeat expires', async (context) => {
      if (!backend.crash || backend.deadAfterMs === undefined) return context.skip();
      const other = await backend.open();
      await node.join('room', 'ann', { on: 'crashed' });
      await node.join('room', 'both', {});
      await other.join('room', 'bob', {});
      await other.join('room', 'both', {});
      await backend.crash(node);
      expect(members(await other.list('room'))).toEqual(['ann', 'bob', 'both']); // not yet noticed
      await sleep(backend.deadAfterMs);
      expect(await other.count('room')).toBe(2);
      const entries = await other.list('room');
      expect(members(entries)).toEqual(['bob', 'both']);
      expect(entries.every((e) => e.nodeId === other.nodeId)).toBe(true);
      expect(await other.join('room', 'ann', {})).toBe(true); // no live connection anywhere before
      expect(await other.leave('room', 'both')).toBe(true); // the dead node's connection is not counted
    });
  });
}
