/**
 * The WebSocket gateway: one place for the transport rules every endpoint shares.
 * - The message listener is attached before any await, and frames are handled one at a time per
 *   socket in arrival order (the endpoint's `open` first), so a frame sent right after open is kept.
 * - `?token=` is verified once per connection; `?seq=1` asks for seq-stamped frames.
 * - Every inbound frame is parsed and validated; problems go to the endpoint's error frame.
 * - One shared heartbeat interval pings every socket and drops those that did not answer.
 * - One shared setImmediate uncorks every socket written in this turn.
 */
import type { FastifyInstance, FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import { CloseCode } from '../protocol/close-codes.js';
import { TIME_SYNC } from '../protocol/core.js';
import type { Clock } from '../realtime/clock.js';
import type { Metrics } from '../server/metrics.js';
import type { TokenService } from '../features/accounts/tokens.js';
import type { Endpoint, FrameProblem } from './endpoint.js';
import type { Hub } from './hub.js';
import { Session, type SessionHost } from './session.js';

export interface GatewayOptions {
  sendQueueBytes: number;
  heartbeatSeconds: number;
  /** Frames waiting on one socket at which reading from it pauses (TCP backpressure on the client). */
  pauseAtPendingFrames?: number;
  /** Hard cap: frames that still arrive past it (already read before the pause) close the socket. */
  maxPendingFrames?: number;
}

interface Connection {
  session: Session;
  /** Resolves when every frame received so far (and the close handler) has been handled. */
  done: Promise<void>;
}

export class Gateway implements SessionHost {
  private readonly connections = new Set<Connection>();
  private flushQueue: Session[] = [];
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly app: FastifyInstance,
    private readonly deps: {
      tokens: TokenService;
      hub: Hub;
      metrics: Metrics;
      clock: Clock;
      log: FastifyBaseLogger;
    },
    private readonly options: GatewayOptions,
  ) {
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatSeconds * 1000);
    this.heartbeat.unref();
  }

  /** Registers a WebSocket endpoint on its path. */
  register<TFrame>(endpoint: Endpoint<TFrame>): void {
    this.app.get(
      endpoint.path,
      {
        websocket: true,
        schema: { hide: true },
        // Hold the TCP socket's writes, the handshake's 101 answer included, until the endpoint's
        // `open` has authenticated the socket and joined its topics: the client's `open` event then
        // means "subscribed", as with the seeds' servers, and no broadcast falls into a gap.
        onRequest: (request, _reply, done) => {
          request.raw.socket.cork();
          done();
        },
      },
      (socket, request) => {
        this.accept(endpoint, socket, request.params as Record<string, string>, request);
      },
    );
  }

  /** Open sessions (tests, metrics, admin). */
  get size(): number {
    return this.connections.size;
  }

  private accept<TFrame>(
    endpoint: Endpoint<TFrame>,
    socket: WebSocket,
    params: Record<string, string>,
    request: Parameters<NonNullable<Endpoint['open']>>[1],
  ): void {
    const query = Object.fromEntries(
      Object.entries((request.query ?? {}) as Record<string, unknown>).map(([k, v]) => [k, String(v)]),
    );
    const session = new Session(socket, endpoint.name, params, query, this, this.options.sendQueueBytes);
    session.wantsSeq = query.seq === '1';
    const { metrics, log } = this.deps;
    metrics.wsConnections.inc({ endpoint: endpoint.name });
    const pauseAt = this.options.pauseAtPendingFrames ?? 64;
    const maxPending = this.options.maxPendingFrames ?? 10_000;
    let pending = 0;
    let chain: Promise<void> = this.open(endpoint, session, request).finally(() =>
      request.raw.socket.uncork(),
    );
    const connection: Connection = { session, done: chain };
    this.connections.add(connection);

    // Attached synchronously, before the open handler's awaits resolve (ARCHITECTURE pitfall).
    socket.on('message', (data, isBinary) => {
      session.alive = true;
      if (pending >= maxPending) {
        session.close(CloseCode.POLICY_VIOLATION, 'too many frames');
        return;
      }
      pending += 1;
      // Backpressure instead of a close: a burst waits in the client's TCP buffers while we catch up.
      if (pending === pauseAt) socket.pause();
      const text = isBinary ? null : data.toString();
      chain = chain.then(async () => {
        pending -= 1;
        if (pending === pauseAt >> 2 && socket.isPaused) socket.resume();
        if (session.isOpen) await this.handle(endpoint, session, text);
      });
      connection.done = chain;
    });
    socket.on('pong', () => {
      session.alive = true;
    });
    socket.on('error', (err) => log.debug({ err, endpoint: endpoint.name }, 'websocket error'));
    socket.on('close', (code) => {
      metrics.wsConnections.dec({ endpoint: endpoint.name });
      metrics.wsClosed.inc({ code: String(code) });
      this.deps.hub.leaveAll(session);
      chain = chain.then(async () => {
        try {
          await endpoint.onClose?.(session, code);
        } catch (err) {
          log.error({ err, endpoint: endpoint.name }, 'websocket close handler failed');
        }
      });
      connection.done = chain.finally(() => this.connections.delete(connection));
    });
  }

  private async open<TFrame>(
    endpoint: Endpoint<TFrame>,
    session: Session,
    request: Parameters<NonNullable<Endpoint['open']>>[1],
  ): Promise<void> {
    try {
      session.user = await this.deps.tokens.verifyAccess(session.query.token);
      await endpoint.open?.(session, request);
    } catch (err) {
      this.deps.log.error({ err, endpoint: endpoint.name }, 'websocket open failed');
      session.close(CloseCode.INTERNAL_ERROR, 'internal error');
    }
  }

  private async handle<TFrame>(
    endpoint: Endpoint<TFrame>,
    session: Session,
    text: string | null,
  ): Promise<void> {
    const { metrics } = this.deps;
    let parsed: unknown;
    try {
      if (text === null) throw new Error('binary frame');
      parsed = JSON.parse(text);
    } catch {
      metrics.wsFramesIn.inc({ endpoint: endpoint.name, outcome: 'bad_json' });
      if (!endpoint.receiveOnly)
        this.reportInvalid(endpoint, session, { kind: 'bad_json', message: 'Wrong JSON format' });
      return;
    }
    if (isTimeSync(parsed)) {
      session.send({ type: TIME_SYNC, t0: parsed.t0, server_time: this.deps.clock.now() });
      return;
    }
    if (endpoint.receiveOnly || !endpoint.onFrame) {
      metrics.wsFramesIn.inc({ endpoint: endpoint.name, outcome: 'ignored' });
      return;
    }
    let frame = parsed as TFrame;
    if (endpoint.frames) {
      const result = endpoint.frames.safeParse(parsed);
      if (!result.success) {
        metrics.wsFramesIn.inc({ endpoint: endpoint.name, outcome: 'invalid' });
        const message = result.error.issues[0]?.message ?? 'Invalid frame';
        this.reportInvalid(endpoint, session, {
          kind: 'invalid',
          message,
          raw: parsed,
          issues: result.error.issues,
        });
        return;
      }
      frame = result.data;
    }
    metrics.wsFramesIn.inc({ endpoint: endpoint.name, outcome: 'ok' });
    try {
      await endpoint.onFrame(session, frame);
    } catch (err) {
      this.deps.log.error({ err, endpoint: endpoint.name }, 'websocket frame handler failed');
      session.send({ type: 'error', error: 'Internal server error', code: 'INTERNAL' });
    }
  }

  private reportInvalid<TFrame>(endpoint: Endpoint<TFrame>, session: Session, problem: FrameProblem): void {
    if (endpoint.onInvalid) endpoint.onInvalid(session, problem);
    else session.send({ type: 'error', error: problem.message });
  }

  scheduleFlush(session: Session): void {
    if (this.flushQueue.push(session) === 1) setImmediate(() => this.flush());
  }

  private flush(): void {
    const queue = this.flushQueue;
    this.flushQueue = [];
    for (const session of queue) session.flush();
  }

  onFrameOut(): void {
    this.deps.metrics.wsFramesOut.inc();
  }

  onSlowConsumer(session: Session): void {
    this.deps.log.warn({ endpoint: session.endpoint, queued: session.queuedBytes }, 'closing slow consumer');
    session.close(CloseCode.SLOW_CONSUMER, 'slow consumer');
    // A reader that is too slow may never read the close frame either.
    setTimeout(() => session.terminate(), 5000).unref();
  }

  private beat(): void {
    for (const { session } of this.connections) {
      if (!session.alive) {
        session.terminate();
        continue;
      }
      session.alive = false;
      try {
        session.socket.ping();
      } catch {
        session.terminate();
      }
    }
  }

  /**
   * Graceful shutdown: closes every socket with GOING_AWAY and waits until their close handlers
   * (which may write to the database) have finished.
   */
  async shutdown(): Promise<void> {
    clearInterval(this.heartbeat);
    const all = [...this.connections];
    for (const { session } of all) session.close(CloseCode.GOING_AWAY, 'server shutting down');
    const deadline = new Promise((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([Promise.allSettled(all.map((c) => waitClosed(c))), deadline]);
  }
}

function waitClosed(connection: Connection): Promise<void> {
  const { socket } = connection.session;
  if (socket.readyState === 3) return connection.done;
  return new Promise<void>((resolve) => socket.once('close', () => resolve())).then(() => connection.done);
}

function isTimeSync(value: unknown): value is { type: string; t0: number } {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === TIME_SYNC &&
    typeof (value as { t0?: unknown }).t0 === 'number'
  );
}
