/**
 * The watch maintenance tasks behind `roomful expire-rooms` and `roomful cleanup-rooms`. Inside a
 * running server (the CLI bridge) they use that server's live side, so sockets of expired or
 * removed rooms are told and closed; run directly on PostgreSQL they change the database only,
 * and the servers' own sweeps close what is left.
 */
import type { Clock } from '../../realtime/clock.js';
import type { Presence } from '../../realtime/presence.js';
import type { Config } from '../../server/config.js';
import type { Database } from '../../storage/database.js';
import type { ChatService } from '../chat/index.js';
import { cleanupRooms, expireDueRooms, type LifecycleDeps } from './lifecycle.js';
import { chatChannel, type WatchLive } from './live.js';
import { listRoomsInState } from './store.js';
import { TaskError } from '../admin/tasks.js';

interface LiveSide {
  live: WatchLive;
  presence: Presence;
  clock: Clock;
  chat: ChatService;
}

const servers = new WeakMap<Database, LiveSide>();

/** Called by the watch module of a running server: tasks on its database use its live side. */
export function attachLiveSide(database: Database, side: LiveSide): void {
  servers.set(database, side);
}

function deps(database: Database, config: Config): LifecycleDeps & { side?: LiveSide } {
  const side = servers.get(database);
  const now = side ? () => side.clock.now() : () => Date.now();
  return {
    db: database.db,
    graceMs: config.watchGraceSeconds * 1000,
    now,
    ...(side ? { live: side.live, presence: side.presence, side } : {}),
  };
}

export async function expireRoomsTask(database: Database, config: Config): Promise<string> {
  const { expired, succeeded } = await expireDueRooms(deps(database, config));
  return `Expired ${expired} room(s)` + (succeeded > 0 ? `\nHanded ${succeeded} room(s) to a new host` : '');
}

export async function cleanupRoomsTask(
  database: Database,
  config: Config,
  hours: number,
  dryRun: boolean,
): Promise<string> {
  if (!Number.isFinite(hours) || hours < 0)
    throw new TaskError('--hours must be a number of hours, 0 or more');
  const d = deps(database, config);
  const { rooms } = await cleanupRooms(d, hours, dryRun);
  if (!dryRun) await d.side?.chat.forget(rooms.map((r) => chatChannel(r.id)));
  const names = rooms.map((r) => `${r.code} (${r.name || 'unnamed'})`).join(', ');
  const lines = [
    dryRun
      ? `Would delete ${rooms.length} room(s) idle for more than ${hours} hour(s)${names ? `: ${names}` : ''}`
      : `Successfully cleaned up: ${rooms.length} room(s) idle for more than ${hours} hour(s)`,
  ];
  const open = await listRoomsInState(database.db, ['CREATED', 'LIVE', 'GRACE']);
  lines.push(`Current stats: ${open.length} open room(s)`);
  return lines.join('\n');
}
