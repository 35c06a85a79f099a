/**
 * Socket.IO connection handling of the click wall: names (auth, rename, join/leave toasts), clicks
 * and events (validated, rate-limited, queued for storage; broadcast once stored), `stats` to a new
 * socket and coalesced `status` to everyone. Invalid input is logged and ignored: no broadcast, no
 * error event (the seed had none), and the connection stays.
 */
import type { Socket } from 'socket.io';
import type { FastifyBaseLogger } from 'fastify';
import type { ZodError } from 'zod';
import type { EphemeralStore, Presence } from '../../realtime/index.js';
import { Coalescer, texts } from './coalesce.js';
import { addressAllows, TokenBucket } from './limits.js';
import { authSchema, clickSchema, eventSchema } from './schemas.js';
import {
  type ClickSocketData,
  type ClicksIo,
  type ClicksService,
  type ClientEvents,
  message,
  ONLINE_TOPIC,
  type ServerEvents,
} from './service.js';
import { seconds } from './time.js';

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
type ClickSocket = Socket<ClientEvents, ServerEvents, {}, ClickSocketData>;

export interface SocketDeps {
  service: ClicksService;
  store: EphemeralStore;
  presence: Presence;
  log: FastifyBaseLogger;
  timeZone: string;
  clicksPerSecond: number;
  clicksBurst: number;
  perAddressPerSecond: number;
  trustProxy: boolean;
  /** Window of join/leave toast and status coalescing. */
  coalesceMs?: number;
}

/** The seed's milestones: the 50th click of a session and every 100th. */
export function milestone(n: number): number | null {
  return n === 50 || (n > 0 && n % 100 === 0) ? n : null;
}

const LIMITED_TOAST_MS = 5000;

/** Registers the connection handler on `io`; returns a function that stops its timers. */
export function attachClickSockets(io: ClicksIo, deps: SocketDeps): () => void {
  const { service, log } = deps;
  const windowMs = deps.coalesceMs ?? 1000;
  const joins = new Coalescer<string>(windowMs, (names) =>
    io.local.emit('message', message(texts.joined(names))),
  );
  const leaves = new Coalescer<string>(windowMs, (names) =>
    io.local.emit('message', message(texts.left(names))),
  );
  // Each process announces its own sockets' joins; the count itself comes from shared presence.
  let stopped = false;
  const status = new Coalescer<null>(Math.min(windowMs, 250), () => {
    service.userCount().then(
      // After shutdown began the adapter's connections may be gone: say nothing more.
      (user_count) => (stopped ? undefined : io.emit('status', { user_count })),
      (error: unknown) => log.error({ err: error }, 'clicks: presence count failed'),
    );
  });

  io.on('connection', (socket: ClickSocket) => {
    const now = service.now();
    const clickBucket = new TokenBucket(deps.clicksPerSecond, deps.clicksBurst, now);
    // Events and renames make a toast on every screen: a tighter budget than clicks.
    const eventBucket = new TokenBucket(0.5, 5, now);
    const renameBucket = new TokenBucket(0.2, 3, now);
    const address = clientAddress(socket, deps.trustProxy);
    let warned = false;
    let limitedToastAt = -Infinity;
    socket.data = { name: null, clicks: 0, events: 0 };

    const invalid = (event: string, error: ZodError | string) => {
      const reason = typeof error === 'string' ? error : error.issues.map((i) => i.message).join('; ');
      // First invalid input of a socket at warn, the rest at debug: a flood cannot flood the log.
      (warned ? log.debug : log.warn).call(
        log,
        { socket: socket.id, event, reason },
        'clicks: invalid input ignored',
      );
      warned = true;
    };

    const limited = () => {
      const t = service.now();
      if (t - limitedToastAt < LIMITED_TOAST_MS) return;
      limitedToastAt = t;
      socket.emit('message', message('Zu viele Klicks, bitte etwas langsamer.'));
    };

    const setName = (name: string) => {
      const old = socket.data.name;
      if (old === name) return;
      socket.data.name = name;
      if (old === null) joins.add(name);
      else if (renameBucket.take(service.now())) io.emit('message', message(texts.renamed(old, name)));
    };

    const allowedByAddress = async (): Promise<boolean> => {
      try {
        return await addressAllows(deps.store, address, deps.perAddressPerSecond);
      } catch (error) {
        // The shared store is down: the per-connection bucket still holds, so let the click through.
        log.warn({ err: error }, 'clicks: address limit unavailable');
        return true;
      }
    };

    socket.on('auth', (raw) => {
      const parsed = authSchema.safeParse(raw);
      if (!parsed.success) return invalid('auth', parsed.error);
      setName(parsed.data);
    });

    socket.on('click', async (raw) => {
      const parsed = clickSchema.safeParse(raw);
      if (!parsed.success) return invalid('click', parsed.error);
      if (!clickBucket.take(service.now()) || !(await allowedByAddress())) return limited();
      const { user, comment, style } = parsed.data;
      setName(user);
      const count = socket.data.clicks + 1;
      const at = service.now();
      const queued = service.batcher.push({
        kind: 'click',
        row: { user, comment, style, ts: seconds(at), day: service.today(at) },
        extra: { milestone: milestone(count) },
      });
      if (!queued) return log.warn('clicks: write queue full, click dropped');
      socket.data.clicks = count;
    });

    socket.on('event', async (raw) => {
      const parsed = eventSchema.safeParse(raw);
      if (!parsed.success) return invalid('event', parsed.error);
      if (!eventBucket.take(service.now()) || !(await allowedByAddress())) return limited();
      const { user, name } = parsed.data;
      setName(user);
      const at = service.now();
      const queued = service.batcher.push({
        kind: 'event',
        row: { user, name, ts: seconds(at), day: service.today(at) },
        extra: null,
      });
      if (!queued) return log.warn('clicks: write queue full, event dropped');
      socket.data.events += 1;
    });

    // Leave runs after join has finished, or a quick disconnect would leave a ghost member behind.
    const joined = deps.presence.join(ONLINE_TOPIC, socket.id, {});

    socket.on('disconnect', () => {
      if (socket.data.name !== null) leaves.add(socket.data.name);
      joined
        .catch(() => {})
        .then(() => deps.presence.leave(ONLINE_TOPIC, socket.id))
        .then(
          () => status.add(null),
          (error: unknown) => log.error({ err: error }, 'clicks: presence leave failed'),
        );
    });

    void (async () => {
      try {
        await joined;
        status.add(null);
        socket.emit('stats', await service.stats());
      } catch (error) {
        log.error({ err: error }, 'clicks: connect bookkeeping failed');
      }
    })();
  });

  return () => {
    stopped = true;
    joins.close();
    leaves.close();
    status.close();
  };
}

/** The client's address; behind a trusted proxy, the first X-Forwarded-For entry. */
function clientAddress(socket: ClickSocket, trustProxy: boolean): string {
  const forwarded = socket.handshake.headers['x-forwarded-for'];
  if (trustProxy && typeof forwarded === 'string') {
    const first = forwarded.split(',')[0]?.trim();
    if (first) return first;
  }
  return socket.handshake.address;
}
