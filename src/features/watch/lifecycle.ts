/**
 * Room lifecycle: CREATED -> LIVE (host connects) -> GRACE (host gone) -> LIVE (host back) or
 * EXPIRED (grace over), DELETED from anywhere; EXPIRED and DELETED are terminal. Transitions are
 * conditional updates, so with several processes exactly one performs each (and announces it).
 * Expiry runs from one shared sweep timer per process, lazily on connect, and from the CLI.
 */
import { CloseCode } from '../../protocol/close-codes.js';
import type { Db } from '../../storage/database.js';
import type { WatchLive } from './live.js';
import { memberView, presenceTopic } from './live.js';
import {
  graceRoomsDue,
  listParticipants,
  roomsIdleSince,
  deleteRooms,
  transition,
  type RoomRow,
} from './store.js';
import type { Presence } from '../../realtime/presence.js';

export interface LifecycleDeps {
  db: Db;
  graceMs: number;
  now: () => number;
  /** Present inside a server: announces and closes sockets; absent in a CLI run on PostgreSQL. */
  live?: WatchLive;
  presence?: Presence;
}

/** The grace period of a GRACE room is over. */
export function graceOver(room: RoomRow, deps: Pick<LifecycleDeps, 'graceMs' | 'now'>): boolean {
  return (
    room.state === 'GRACE' &&
    room.hostDisconnectedAt !== null &&
    room.hostDisconnectedAt.getTime() + deps.graceMs <= deps.now()
  );
}

/**
 * Ends a room's grace period: hands the room to the longest-present connected member when the room
 * allows succession, else marks it EXPIRED and closes its sockets. Returns the outcome, or null
 * when another process already handled it.
 */
export async function endGrace(room: RoomRow, deps: LifecycleDeps): Promise<'expired' | 'succeeded' | null> {
  if (room.allowSuccession && deps.presence && deps.live) {
    const online = new Set((await deps.presence.list(presenceTopic(room.id))).map((e) => e.memberId));
    const successor = (await listParticipants(deps.db, room.id)).find(
      (p) => p.status === 'APPROVED' && !p.isBanned && p.memberId !== room.hostId && online.has(p.memberId),
    );
    if (successor) {
      const moved = await transition(deps.db, room.id, ['GRACE'], {
        state: 'LIVE',
        hostId: successor.memberId,
        hostDisconnectedAt: null,
        updatedAt: new Date(deps.now()),
      });
      if (!moved) return null;
      await deps.live.publish(room.id, {
        kind: 'host_changed',
        member: memberView(successor, successor.memberId, true),
      });
      await deps.live.publish(room.id, await deps.live.participantsEvent(moved));
      return 'succeeded';
    }
  }
  const expired = await transition(deps.db, room.id, ['GRACE'], {
    state: 'EXPIRED',
    isActive: false,
    updatedAt: new Date(deps.now()),
  });
  if (!expired) return null;
  if (deps.live) {
    await deps.live.publish(room.id, { kind: 'expired' });
    await deps.live.closeSockets(room.id, CloseCode.GONE, 'grace period expired');
  }
  return 'expired';
}

/** Ends the grace period of every room whose grace is over; returns how many expired. */
export async function expireDueRooms(deps: LifecycleDeps): Promise<{ expired: number; succeeded: number }> {
  const due = await graceRoomsDue(deps.db, new Date(deps.now() - deps.graceMs));
  let expired = 0;
  let succeeded = 0;
  for (const room of due) {
    const outcome = await endGrace(room, deps);
    if (outcome === 'expired') expired += 1;
    if (outcome === 'succeeded') succeeded += 1;
  }
  return { expired, succeeded };
}

/**
 * SyncPlay's cleanup: rooms with no activity (join, leave, control, chat) for `hours`. With
 * `dryRun` nothing is deleted. Deleting cascades to participants, events and progress.
 */
export async function cleanupRooms(
  deps: LifecycleDeps,
  hours: number,
  dryRun: boolean,
): Promise<{ rooms: RoomRow[] }> {
  const cutoff = new Date(deps.now() - hours * 3600_000);
  let rooms = await roomsIdleSince(deps.db, cutoff);
  if (deps.presence) {
    // A room with someone connected is not idle, whatever its last stored activity says.
    const busy = await Promise.all(
      rooms.map(async (r) => (await deps.presence?.count(presenceTopic(r.id))) ?? 0),
    );
    rooms = rooms.filter((_, i) => busy[i] === 0);
  }
  if (!dryRun) {
    await deleteRooms(
      deps.db,
      rooms.map((r) => r.id),
    );
    if (deps.live)
      for (const room of rooms)
        await deps.live.closeSockets(room.id, CloseCode.ROOM_INACTIVE, 'room removed');
  }
  return { rooms };
}

/**
 * The one shared sweep timer of a process: expires rooms whose grace ran out; `alsoEachTick` runs
 * the module's other periodic checks on the same timer.
 */
export function startSweep(
  deps: LifecycleDeps,
  periodMs: number,
  onError: (err: unknown) => void,
  alsoEachTick: () => void = () => {},
): () => void {
  let running = false;
  const timer = setInterval(() => {
    alsoEachTick();
    if (running) return; // a slow database must not stack sweeps
    running = true;
    expireDueRooms(deps)
      .catch(onError)
      .finally(() => {
        running = false;
      });
  }, periodMs);
  timer.unref();
  return () => clearInterval(timer);
}
