/**
 * The click wall's rules on the server side of the socket: the durable counters (read from the
 * database, the one source of truth shared by every process), the write batcher whose commits are
 * what gets broadcast, the day/hour tick, and the read models of the HTTP routes.
 */
import type { Server } from 'socket.io';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock, Presence } from '../../realtime/index.js';
import type { Db } from '../../storage/database.js';
import { WriteBatcher, type Item } from './batcher.js';
import type {
  ClickPayload,
  EventPayload,
  HourPayload,
  MessagePayload,
  OnlineUserPayload,
  StatsPayload,
  UserPayload,
} from './schemas.js';
import { allUsers, clicksSince, eventsSince, hoursBetween, readTotals, storeBatch } from './store.js';
import { texts } from './coalesce.js';
import { dayKey, hourStart, seconds, startOfDay } from './time.js';

/** The seed's toast style for server messages. */
export const MESSAGE_STYLE = 'small highlight';
/** Presence topic whose member count is `status.user_count` (one member per socket, all processes). */
export const ONLINE_TOPIC = 'clicks:online';
/** `latest_*` answer at most this many rows (the seed's HEAD limit). */
const LATEST_LIMIT = 10_000;

/** What a connected socket keeps in `socket.data` (visible to `fetchSockets` in every process). */
export interface ClickSocketData {
  name: string | null;
  clicks: number;
  events: number;
}

/** Server -> client events (the seed's). */
export interface ServerEvents {
  click(payload: ClickPayload): void;
  event(payload: EventPayload): void;
  stats(payload: StatsPayload): void;
  status(payload: { user_count: number }): void;
  message(payload: MessagePayload): void;
}

/** Client -> server events; payloads are untrusted until parsed. */
export interface ClientEvents {
  auth(name: unknown): void;
  click(payload: unknown): void;
  event(payload: unknown): void;
}

// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export type ClicksIo = Server<ClientEvents, ServerEvents, {}, ClickSocketData>;

export interface ClicksServiceDeps {
  db: Db;
  presence: Presence;
  clock: Clock;
  log: FastifyBaseLogger;
  timeZone: string;
  batchMs: number;
}

/** Extra data a queued click carries until it is stored and broadcast. */
export interface ClickExtra {
  milestone: number | null;
}

export function message(text: string): MessagePayload {
  return { text, style: MESSAGE_STYLE, type: 'toast' };
}

export class ClicksService {
  readonly batcher: WriteBatcher<ClickExtra, null>;
  private io: ClicksIo | null = null;
  private statsRead: Promise<StatsPayload> | null = null;
  private lastDay: string;
  private lastHour: number;
  private ticker: NodeJS.Timeout | null = null;

  constructor(private readonly deps: ClicksServiceDeps) {
    this.batcher = new WriteBatcher<ClickExtra, null>({
      intervalMs: deps.batchMs,
      write: (clicks, events) => storeBatch(deps.db, clicks, events),
      onStored: (items) => this.broadcastStored(items),
      onError: (error, lost) =>
        deps.log.error({ err: error, lost }, 'clicks: batch not stored, nothing broadcast'),
    });
    const now = deps.clock.now();
    this.lastDay = dayKey(now, deps.timeZone);
    this.lastHour = hourStart(now);
  }

  /** Starts broadcasting through `io` and the one shared day/hour timer. */
  start(io: ClicksIo): void {
    this.io = io;
    this.ticker = setInterval(() => void this.tick(), 1000);
    this.ticker.unref();
  }

  /** Writes what is queued and stops the timer (app close). */
  async stop(): Promise<void> {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    await this.batcher.flush();
  }

  now(): number {
    return this.deps.clock.now();
  }

  today(now = this.now()): string {
    return dayKey(now, this.deps.timeZone);
  }

  /**
   * At a new local day (click_count_today starts at 0) and at each new hour, every local socket gets
   * fresh stats; each process tells its own sockets, so no cross-process traffic is needed.
   */
  async tick(): Promise<void> {
    const now = this.now();
    const day = this.today(now);
    const hour = hourStart(now);
    if (day === this.lastDay && hour === this.lastHour) return;
    this.lastDay = day;
    this.lastHour = hour;
    try {
      this.io?.local.emit('stats', await this.stats());
    } catch (error) {
      this.deps.log.error({ err: error }, 'clicks: stats read failed');
    }
  }

  /** Authoritative stats from the database; concurrent callers share one query. */
  stats(): Promise<StatsPayload> {
    this.statsRead ??= readTotals(this.deps.db, this.today())
      .then((t) => ({ click_count_total: t.total, click_count_today: t.today }))
      .finally(() => {
        this.statsRead = null;
      });
    return this.statsRead;
  }

  private broadcastStored(items: Item<ClickExtra, null>[]): void {
    const io = this.io;
    if (!io) return;
    for (const item of items) {
      if (item.kind === 'click') {
        const { user, comment, style, ts } = item.row;
        const click: ClickPayload = { user, comment, style, timestamp: ts };
        io.emit('click', click);
        if (item.extra.milestone !== null)
          io.emit('message', message(texts.milestone(user, item.extra.milestone)));
      } else {
        const { user, name, ts } = item.row;
        const event: EventPayload = { user, name, timestamp: ts };
        io.emit('event', event);
        io.emit('message', message(texts.triggered(user, name)));
      }
    }
  }

  /** `user_count`: sockets connected to the wall in every process. */
  userCount(): Promise<number> {
    return this.deps.presence.count(ONLINE_TOPIC);
  }

  latestClicks(): Promise<ClickPayload[]> {
    const from = seconds(startOfDay(this.now(), this.deps.timeZone));
    return clicksSince(this.deps.db, from, LATEST_LIMIT);
  }

  latestEvents(): Promise<EventPayload[]> {
    const from = seconds(startOfDay(this.now(), this.deps.timeZone));
    return eventsSince(this.deps.db, from, LATEST_LIMIT);
  }

  /** Every hour from local midnight six days ago to the current hour, empty hours as zeros. */
  async latestHours(): Promise<HourPayload[]> {
    const now = this.now();
    const from = hourStart(startOfDay(now - 6 * 86_400_000, this.deps.timeZone));
    const to = hourStart(now);
    const stored = new Map((await hoursBetween(this.deps.db, from, to)).map((h) => [h.hourStart, h]));
    const out: HourPayload[] = [];
    for (let t = from; t <= to; t += 3600) {
      const h = stored.get(t);
      out.push({ timestamp: t, click_count: h?.clickCount ?? 0, event_count: h?.eventCount ?? 0 });
    }
    return out;
  }

  users(): Promise<UserPayload[]> {
    return allUsers(this.deps.db);
  }

  /** One entry per connected socket in every process (`name` null until the socket names itself). */
  async onlineUsers(): Promise<OnlineUserPayload[]> {
    const io = this.io;
    if (!io) return [];
    const sockets = await io.fetchSockets().catch((error: unknown) => {
      this.deps.log.warn({ err: error }, 'clicks: fetchSockets failed; answering with local sockets');
      return io.local.fetchSockets();
    });
    return sockets.map((s) => ({
      name: s.data.name ?? null,
      click_count_session: s.data.clicks ?? 0,
      event_count_session: s.data.events ?? 0,
    }));
  }
}
