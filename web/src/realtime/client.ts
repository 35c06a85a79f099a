/**
 * The one browser real-time client every page uses. It owns the socket's whole life:
 * - connects to the same host (`wss:` on https) with `?seq=1` and the token, if any;
 * - remembers the last `seq` it saw and reconnects with `&since=<seq>` so the server replays what
 *   was missed (or sends a fresh snapshot);
 * - reconnects forever with exponential backoff and full jitter, reset after a stable connection,
 *   but never after a close code that means "go away for good" (see close-policy.ts);
 * - queues `send()` until the socket is open (bounded: the oldest frames are dropped first);
 * - estimates the server clock with `time_sync` samples and exposes `serverNow()`.
 */
import type { TimeSyncReply, TimeSyncRequest } from '../../../src/protocol/core.js';
import { TIME_SYNC } from '../../../src/protocol/core.js';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { ClockEstimator } from './clock-sync.js';
import { shouldReconnect } from './close-policy.js';
import { buildSocketUrl, type PageLocation } from './url.js';

/** The part of the browser WebSocket the client uses; tests pass a fake. */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

export type RealtimeStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface RealtimeState {
  status: RealtimeStatus;
  /** Failed attempts since the last stable connection. */
  attempt: number;
  /** Close code of the last socket, when one closed. */
  closeCode?: number;
  closeReason?: string;
  /** While `reconnecting`: the wait before the next attempt, ms. */
  retryInMs?: number;
}

/** A token, or a function giving the current one (so a reconnect uses a refreshed token). */
export type TokenSource =
  string | null | undefined | (() => string | null | undefined | Promise<string | null | undefined>);

export interface TimeSyncOptions {
  /** Samples sent right after each open. */
  burst: number;
  /** Spacing of the burst samples, ms. */
  spacingMs: number;
  /** One more sample this often while open, ms. */
  intervalMs: number;
}

export interface RealtimeOptions<TIn = unknown> {
  token?: TokenSource;
  /** Every frame from the server except `time_sync` replies. */
  onFrame: (frame: TIn) => void;
  onState?: (state: RealtimeState) => void;
  WebSocketImpl?: WebSocketConstructor;
  /** Defaults to `globalThis.location`. */
  location?: PageLocation;
  /** Extra query parameters for the endpoint. */
  query?: Record<string, string | number | boolean | undefined>;
  backoff?: Partial<BackoffOptions>;
  random?: () => number;
  /** Frames kept while not connected; older ones are dropped first. Default 100. */
  maxQueue?: number;
  /** `false` turns clock sync off. */
  timeSync?: Partial<TimeSyncOptions> | false;
  /** A socket that has not opened after this long is abandoned and retried, ms. Default 10 s. */
  connectTimeoutMs?: number;
  /** Clock used for `time_sync` and stability; defaults to Date.now. */
  now?: () => number;
}

const DEFAULT_TIME_SYNC: TimeSyncOptions = { burst: 5, spacingMs: 100, intervalMs: 30_000 };
const OPEN = 1;

type Timer = ReturnType<typeof setTimeout>;

export class RealtimeClient<TIn = unknown, TOut = unknown> {
  private ws: WebSocketLike | null = null;
  private readonly backoff: Backoff;
  private readonly clock = new ClockEstimator();
  private readonly queue: string[] = [];
  private readonly timers = new Set<Timer>();
  private retryTimer: Timer | null = null;
  private syncInterval: ReturnType<typeof setInterval> | null = null;
  private openedAt: number | null = null;
  private stopped = false;
  private connectSerial = 0;
  private _lastSeq: number | null = null;
  private _state: RealtimeState = { status: 'connecting', attempt: 0 };
  private readonly now: () => number;
  private readonly Impl: WebSocketConstructor;
  private readonly location: PageLocation;
  private readonly onOnline = (): void => this.reconnectNow();

  constructor(
    readonly path: string,
    private readonly options: RealtimeOptions<TIn>,
  ) {
    this.now = options.now ?? Date.now;
    const Impl =
      options.WebSocketImpl ?? (globalThis.WebSocket as unknown as WebSocketConstructor | undefined);
    const location = options.location ?? (globalThis.location as PageLocation | undefined);
    if (!Impl || !location)
      throw new Error('RealtimeClient needs a WebSocket implementation and a page location');
    this.Impl = Impl;
    this.location = location;
    this.backoff = new Backoff({ ...DEFAULT_BACKOFF, ...options.backoff }, options.random);
    globalThis.addEventListener?.('online', this.onOnline);
    void this.connect();
  }

  get state(): RealtimeState {
    return this._state;
  }

  /** The last sequence number received (null before any). */
  get lastSeq(): number | null {
    return this._lastSeq;
  }

  /** Server clock minus local clock, ms (0 until the first time_sync reply). */
  get offsetMs(): number {
    return this.clock.offsetMs;
  }

  /** Round trip of the sample the offset comes from, ms (NaN before any). */
  get rttMs(): number {
    return this.clock.rttMs;
  }

  /** The server's clock now, estimated: Date.now() + offset. */
  serverNow(): number {
    return this.now() + this.clock.offsetMs;
  }

  /**
   * Sends a frame now, or queues it until the socket opens. Returns false only when the client was
   * closed for good (the frame is dropped).
   */
  send(frame: TOut): boolean {
    if (this.stopped) return false;
    const text = JSON.stringify(frame);
    if (this.ws && this.ws.readyState === OPEN) {
      this.ws.send(text);
      return true;
    }
    this.queue.push(text);
    const max = this.options.maxQueue ?? 100;
    while (this.queue.length > max) this.queue.shift();
    return true;
  }

  /** Skips the backoff wait (e.g. the network came back). No effect while connected or closed. */
  reconnectNow(): void {
    if (this.stopped || this._state.status !== 'reconnecting') return;
    this.clearRetry();
    void this.connect();
  }

  /** Closes the socket and stops reconnecting. */
  close(code = 1000, reason = 'client closed'): void {
    if (this.stopped) return;
    this.stopped = true;
    globalThis.removeEventListener?.('online', this.onOnline);
    this.clearRetry();
    this.stopTimeSync();
    const ws = this.ws;
    this.ws = null;
    if (ws) {
      detach(ws);
      try {
        ws.close(code, reason);
      } catch {
        // Closing a socket that never opened may throw in some implementations.
      }
    }
    this.setState({ status: 'closed', attempt: this.backoff.attempts, closeCode: code, closeReason: reason });
  }

  private async connect(): Promise<void> {
    const serial = ++this.connectSerial;
    this.setState({ status: 'connecting', attempt: this.backoff.attempts });
    let token: string | null | undefined;
    try {
      const source = this.options.token;
      token = typeof source === 'function' ? await source() : source;
    } catch {
      token = undefined;
    }
    // close() or another connect() happened while the token was fetched.
    if (this.stopped || serial !== this.connectSerial) return;

    const url = buildSocketUrl(this.path, this.location, {
      token,
      since: this._lastSeq,
      query: this.options.query,
    });

    let ws: WebSocketLike;
    try {
      ws = new this.Impl(url);
    } catch {
      this.scheduleReconnect(1006, 'could not create socket');
      return;
    }
    this.ws = ws;
    const connectTimer = this.later(() => {
      if (this.ws === ws && ws.readyState !== OPEN) {
        detach(ws);
        this.ws = null;
        try {
          ws.close();
        } catch {
          // ignore
        }
        this.scheduleReconnect(1006, 'connect timeout');
      }
    }, this.options.connectTimeoutMs ?? 10_000);

    ws.onopen = () => {
      if (this.ws !== ws) return;
      this.forget(connectTimer);
      this.openedAt = this.now();
      this.setState({ status: 'open', attempt: this.backoff.attempts });
      this.startTimeSync(ws);
      const pending = this.queue.splice(0);
      for (const text of pending) ws.send(text);
    };
    ws.onmessage = (event) => {
      if (this.ws === ws) this.receive(event.data);
    };
    ws.onerror = () => {
      // The close event follows and decides what happens next.
    };
    ws.onclose = (event) => {
      if (this.ws !== ws) return;
      this.forget(connectTimer);
      this.ws = null;
      this.stopTimeSync();
      this.backoff.noteConnectionEnded(this.openedAt, this.now());
      this.openedAt = null;
      if (shouldReconnect(event.code)) {
        this.scheduleReconnect(event.code, event.reason);
      } else {
        this.stopped = true;
        globalThis.removeEventListener?.('online', this.onOnline);
        this.queue.length = 0;
        this.setState({
          status: 'closed',
          attempt: this.backoff.attempts,
          closeCode: event.code,
          closeReason: event.reason,
        });
      }
    };
  }

  private receive(data: unknown): void {
    if (typeof data !== 'string') return;
    let frame: unknown;
    try {
      frame = JSON.parse(data);
    } catch {
      return;
    }
    if (isTimeSyncReply(frame)) {
      this.clock.add(frame.t0, frame.server_time, this.now());
      return;
    }
    if (typeof frame === 'object' && frame !== null) {
      const seq = (frame as { seq?: unknown }).seq;
      if (typeof seq === 'number' && Number.isFinite(seq)) this._lastSeq = seq;
    }
    try {
      this.options.onFrame(frame as TIn);
    } catch (err) {
      // A page's handler bug must not take the connection down with it.
      console.error('realtime onFrame handler failed', err);
    }
  }

  private scheduleReconnect(code: number, reason: string): void {
    if (this.stopped) return;
    const delay = this.backoff.next();
    this.setState({
      status: 'reconnecting',
      attempt: this.backoff.attempts,
      closeCode: code,
      closeReason: reason,
      retryInMs: delay,
    });
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }

  private startTimeSync(ws: WebSocketLike): void {
    if (this.options.timeSync === false) return;
    const options = { ...DEFAULT_TIME_SYNC, ...this.options.timeSync };
    const sample = (): void => {
      if (this.ws !== ws || ws.readyState !== OPEN) return;
      const request: TimeSyncRequest = { type: TIME_SYNC, t0: this.now() };
      ws.send(JSON.stringify(request));
    };
    sample();
    for (let i = 1; i < options.burst; i += 1) this.later(sample, i * options.spacingMs);
    this.syncInterval = setInterval(sample, options.intervalMs);
  }

  private stopTimeSync(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    if (this.syncInterval !== null) clearInterval(this.syncInterval);
    this.syncInterval = null;
  }

  /** A timeout tracked so that close and reconnect cancel it. */
  private later(fn: () => void, ms: number): Timer {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private forget(timer: Timer): void {
    clearTimeout(timer);
    this.timers.delete(timer);
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(state: RealtimeState): void {
    this._state = state;
    try {
      this.options.onState?.(state);
    } catch (err) {
      console.error('realtime onState handler failed', err);
    }
  }
}

function detach(ws: WebSocketLike): void {
  ws.onopen = null;
  ws.onmessage = null;
  ws.onclose = null;
  ws.onerror = null;
}

function isTimeSyncReply(frame: unknown): frame is TimeSyncReply {
  if (typeof frame !== 'object' || frame === null) return false;
  const f = frame as Partial<TimeSyncReply>;
  return f.type === TIME_SYNC && typeof f.t0 === 'number' && typeof f.server_time === 'number';
}
