/**
 * The fan-out load generator (runs in the parent, so its CPU is not the server's): N client sockets
 * in one room, one of which also sends. Every client records the latency of every message it gets
 * (the send timestamp travels in the message; sender and receivers share this process's clock).
 * Every wait is bounded in time and every loop in count.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import type { Dialect } from './dialects.js';

export interface LoadPlan {
  clients: number;
  /** Sockets opened concurrently; the next batch starts when all of them are ready. */
  connectBatch: number;
  /** Measured messages (bound on count). */
  messages: number;
  /** Messages per burst and time between bursts. */
  burst: number;
  intervalMs: number;
  /** Bound on the sending time, whatever the count reached. */
  maxSendSeconds: number;
  /** After the last send, how long to wait for the deliveries still in flight. */
  drainSeconds: number;
  /** Messages sent (and awaited) before measuring, so every path is warm. */
  warmupMessages: number;
  /** Total size of each JSON message in bytes (timestamp included). */
  messageBytes: number;
}

export interface LoadResult {
  sent: number;
  expected: number;
  delivered: number;
  /** Wall time from the first send until the last delivery (or the drain timeout). */
  windowSeconds: number;
  /** Receive latencies in ms of the measured deliveries (first `delivered` entries). */
  latencies: Float64Array;
  /** CPU seconds the load client itself used during the window. */
  clientCpuSeconds: number;
  /** Client sockets that closed during the run, by close code (e.g. the server's flood guard). */
  closed: Record<string, number>;
}

export interface MeasureHooks {
  /** Called right before the first measured send (sample the server's CPU here). */
  start(): Promise<void>;
  /** Called right after the last delivery or the drain timeout. */
  end(): Promise<void>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A message of exactly `bytes` bytes (ASCII), carrying its index and send time. */
function message(index: number, bytes: number): string {
  const head = `{"type":"m","i":${index},"t":${performance.now().toFixed(3)},"p":"`;
  return head + 'x'.repeat(Math.max(0, bytes - head.length - 2)) + '"}';
}

export class FanoutClients {
  private readonly sockets: WebSocket[] = [];
  private delivered = 0;
  private recording = false;
  private latencies: Float64Array;
  private target = Number.POSITIVE_INFINITY;
  private reached: (() => void) | null = null;
  private readonly closed: Record<string, number> = {};
  private closing = false;

  constructor(
    private readonly url: string,
    private readonly dialect: Dialect,
    private readonly plan: LoadPlan,
  ) {
    this.latencies = new Float64Array(plan.messages * plan.clients);
  }

  /** Opens every client, in batches, until each has been told `ready` (joined the room). */
  async connect(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (let first = 0; first < this.plan.clients; first += this.plan.connectBatch) {
      const count = Math.min(this.plan.connectBatch, this.plan.clients - first);
      const left = deadline - Date.now();
      if (left <= 0)
        throw new Error(`only ${first} of ${this.plan.clients} clients ready in ${timeoutMs} ms`);
      await Promise.all(Array.from({ length: count }, () => this.open(left)));
    }
  }

  private open(timeoutMs: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(this.url, { perMessageDeflate: false, skipUTF8Validation: true });
      this.sockets.push(ws);
      let ready = false;
      const timer = setTimeout(() => fail(new Error('client not ready in time')), timeoutMs);
      const fail = (err: Error) => {
        clearTimeout(timer);
        if (!ready) reject(err);
      };
      ws.on('message', (data, isBinary) => {
        if (isBinary) return;
        let incoming;
        try {
          incoming = this.dialect.read(data.toString(), ws);
        } catch (err) {
          fail(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        if (incoming.kind === 'message') this.onDelivery(incoming.sentAt);
        else if (incoming.kind === 'ready' && !ready) {
          ready = true;
          clearTimeout(timer);
          resolve();
        }
      });
      ws.on('error', (err) => fail(err));
      ws.on('close', (code) => {
        if (!this.closing) this.closed[code] = (this.closed[code] ?? 0) + 1;
        fail(new Error('closed before ready'));
      });
    });
  }

  private onDelivery(sentAt: number): void {
    if (this.recording) this.latencies[this.delivered] = performance.now() - sentAt;
    this.delivered += 1;
    if (this.delivered >= this.target && this.reached) {
      this.reached();
      this.reached = null;
    }
  }

  /** Sends `count` messages in bursts and waits until every client got each (bounded). */
  private async sendAndWait(
    count: number,
    hooks: MeasureHooks | null,
  ): Promise<{ sent: number; ms: number; delivered: number }> {
    const { burst, intervalMs, maxSendSeconds, drainSeconds, messageBytes, clients } = this.plan;
    const sender = this.sockets[0];
    if (!sender) throw new Error('no clients');
    this.delivered = 0;
    this.target = Number.POSITIVE_INFINITY;
    const allDelivered = new Promise<void>((resolve) => (this.reached = resolve));
    await hooks?.start();
    const started = performance.now();
    let sent = 0;
    // Burst k is due at started + k * interval; a late timer sends one burst, never a pile of them.
    for (
      let k = 0;
      sent < count &&
      sender.readyState === WebSocket.OPEN &&
      performance.now() - started < maxSendSeconds * 1000;
      k += 1
    ) {
      for (let i = 0; i < burst && sent < count; i += 1) {
        sender.send(this.dialect.wrap(message(sent, messageBytes)));
        sent += 1;
      }
      if (sent >= count) break;
      await sleep(Math.max(0, started + (k + 1) * intervalMs - performance.now()));
    }
    this.target = sent * clients;
    if (this.delivered >= this.target) this.reached = null;
    else {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        allDelivered,
        new Promise<void>((r) => (timer = setTimeout(r, drainSeconds * 1000))),
      ]);
      clearTimeout(timer);
    }
    const ms = performance.now() - started;
    const delivered = this.delivered;
    await hooks?.end();
    return { sent, ms, delivered };
  }

  /** Warm-up (not recorded), then the measured run. */
  async run(hooks: MeasureHooks): Promise<LoadResult> {
    if (this.plan.warmupMessages > 0) {
      const warm = await this.sendAndWait(this.plan.warmupMessages, null);
      if (warm.delivered < warm.sent * this.plan.clients) {
        throw new Error(`warm-up: ${warm.delivered} of ${warm.sent * this.plan.clients} deliveries arrived`);
      }
      await sleep(200);
    }
    this.recording = true;
    const cpu0 = process.cpuUsage();
    const { sent, ms, delivered: arrived } = await this.sendAndWait(this.plan.messages, hooks);
    const cpu = process.cpuUsage(cpu0);
    this.recording = false;
    const delivered = Math.min(arrived, this.latencies.length);
    return {
      sent,
      expected: sent * this.plan.clients,
      delivered,
      windowSeconds: ms / 1000,
      latencies: this.latencies,
      clientCpuSeconds: (cpu.user + cpu.system) / 1e6,
      closed: { ...this.closed },
    };
  }

  /** Closes every client (close handshake, then terminate what is left after `timeoutMs`). */
  async close(timeoutMs = 5000): Promise<void> {
    this.closing = true;
    const open = this.sockets.filter((ws) => ws.readyState !== WebSocket.CLOSED);
    const done = Promise.all(
      open.map(
        (ws) =>
          new Promise<void>((resolve) =>
            ws.readyState === WebSocket.CLOSED ? resolve() : ws.once('close', () => resolve()),
          ),
      ),
    );
    for (const ws of open) {
      if (ws.readyState === WebSocket.OPEN) ws.close(1000);
      else if (ws.readyState === WebSocket.CONNECTING) ws.terminate();
    }
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
    for (const ws of this.sockets) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
    this.sockets.length = 0;
  }
}
