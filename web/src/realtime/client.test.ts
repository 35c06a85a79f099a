import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CloseCode } from '../../../src/protocol/close-codes.js';
import { RealtimeClient, type RealtimeOptions, type RealtimeState } from './client.js';

/** A WebSocket stand-in the test drives by hand: open it, deliver frames, close it. */
class FakeSocket {
  static instances: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  closedWith: { code?: number; reason?: string } | null = null;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.instances.push(this);
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  // Test controls.
  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  deliver(frame: unknown): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  drop(code: number, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  get frames(): Array<Record<string, unknown>> {
    return this.sent.map((text) => JSON.parse(text) as Record<string, unknown>);
  }

  get appFrames(): Array<Record<string, unknown>> {
    return this.frames.filter((f) => f.type !== 'time_sync');
  }
}

function latest(): FakeSocket {
  const socket = FakeSocket.instances.at(-1);
  if (!socket) throw new Error('no socket');
  return socket;
}

function make(overrides: Partial<RealtimeOptions> = {}) {
  const frames: unknown[] = [];
  const states: RealtimeState[] = [];
  const client = new RealtimeClient<unknown, Record<string, unknown>>('/ws/runs/7/', {
    WebSocketImpl: FakeSocket,
    location: { protocol: 'http:', host: 'roomful.test' },
    onFrame: (frame) => frames.push(frame),
    onState: (state) => states.push(state),
    random: () => 1,
    timeSync: false,
    ...overrides,
  });
  return { client, frames, states };
}

beforeEach(() => {
  FakeSocket.instances = [];
  vi.useFakeTimers({ now: 1_000_000 });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('RealtimeClient', () => {
  it('connects to the page host with seq=1 and the token', () => {
    const { states } = make({ token: 'tok' });
    expect(latest().url).toBe('ws://roomful.test/ws/runs/7/?seq=1&token=tok');
    latest().open();
    expect(states.map((s) => s.status)).toEqual(['connecting', 'open']);
  });

  it('uses wss on https pages', () => {
    make({ location: { protocol: 'https:', host: 'roomful.test' } });
    expect(latest().url).toBe('wss://roomful.test/ws/runs/7/?seq=1');
  });

  it('queues frames until open, in order, and bounds the queue', () => {
    const { client } = make({ maxQueue: 3 });
    for (let i = 1; i <= 5; i += 1) expect(client.send({ type: 'n', i })).toBe(true);
    expect(latest().sent).toEqual([]);
    latest().open();
    expect(latest().appFrames.map((f) => f.i)).toEqual([3, 4, 5]);
    client.send({ type: 'n', i: 6 });
    expect(latest().appFrames.map((f) => f.i)).toEqual([3, 4, 5, 6]);
  });

  it('passes frames to onFrame and remembers the last seq for the reconnect URL', () => {
    const { client, frames } = make({ token: 'tok' });
    latest().open();
    latest().deliver({ seq: 4, type: 'wipe_update', count: 1 });
    latest().deliver({ seq: 5, type: 'wipe_update', count: 2 });
    latest().deliver({ type: 'volatile' });
    expect(frames).toHaveLength(3);
    expect(client.lastSeq).toBe(5);
    latest().drop(1006);
    vi.advanceTimersByTime(500);
    expect(FakeSocket.instances).toHaveLength(2);
    expect(latest().url).toBe('ws://roomful.test/ws/runs/7/?seq=1&token=tok&since=5');
  });

  it('ignores frames that are not JSON and survives a throwing handler', () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { frames } = make({
      onFrame: (frame) => {
        frames.push(frame);
        throw new Error('page bug');
      },
    });
    latest().open();
    latest().onmessage?.({ data: 'not json' });
    latest().deliver({ type: 'a' });
    latest().deliver({ type: 'b' });
    expect(frames).toEqual([{ type: 'a' }, { type: 'b' }]);
    expect(errors).toHaveBeenCalledTimes(2);
    errors.mockRestore();
  });

  it('reconnects with exponential backoff after dropped connections', () => {
    const { states } = make();
    const delays: number[] = [];
    for (let i = 0; i < 7; i += 1) {
      latest().drop(1006);
      const state = states.at(-1);
      expect(state?.status).toBe('reconnecting');
      delays.push(state?.retryInMs ?? -1);
      const before = FakeSocket.instances.length;
      vi.advanceTimersByTime((state?.retryInMs ?? 0) - 1);
      expect(FakeSocket.instances).toHaveLength(before);
      vi.advanceTimersByTime(1);
      expect(FakeSocket.instances).toHaveLength(before + 1);
    }
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 15_000, 15_000]);
  });

  it('applies full jitter to the delay', () => {
    const { states } = make({ random: () => 0.25 });
    latest().drop(1006);
    latest().drop(1006);
    vi.advanceTimersByTime(125);
    latest().drop(1006);
    expect(states.filter((s) => s.status === 'reconnecting').map((s) => s.retryInMs)).toEqual([125, 250]);
  });

  it('resets the backoff after a stable connection', () => {
    const { states } = make();
    latest().drop(1006);
    vi.advanceTimersByTime(500);
    latest().drop(1006);
    vi.advanceTimersByTime(1000);
    latest().open();
    vi.advanceTimersByTime(10_000);
    latest().drop(1001);
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', retryInMs: 500, closeCode: 1001 });
  });

  it.each([1001, 1006, 1011, CloseCode.SLOW_CONSUMER, CloseCode.HEARTBEAT_TIMEOUT])(
    'reconnects after close code %i',
    (code) => {
      make();
      latest().open();
      latest().drop(code);
      vi.advanceTimersByTime(500);
      expect(FakeSocket.instances).toHaveLength(2);
    },
  );

  it.each([4001, 4002, 4003, 4004, 4005, 4010, 4011, 4102])('stops for good after close code %i', (code) => {
    const { client, states } = make();
    latest().open();
    latest().drop(code, 'go away');
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(states.at(-1)).toEqual({ status: 'closed', attempt: 0, closeCode: code, closeReason: 'go away' });
    expect(client.send({ type: 'late' })).toBe(false);
  });

  it('close() stops reconnecting and closes the socket', () => {
    const { client, states } = make();
    latest().open();
    client.close();
    expect(latest().closedWith).toEqual({ code: 1000, reason: 'client closed' });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
    expect(states.at(-1)?.status).toBe('closed');
  });

  it('close() during the backoff wait cancels the retry', () => {
    const { client } = make();
    latest().drop(1006);
    client.close();
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.instances).toHaveLength(1);
  });

  it('abandons a socket that does not open in time', () => {
    const { states } = make({ connectTimeoutMs: 2000 });
    vi.advanceTimersByTime(2000);
    expect(FakeSocket.instances[0]?.closedWith).not.toBeNull();
    expect(states.at(-1)).toMatchObject({ status: 'reconnecting', closeReason: 'connect timeout' });
    vi.advanceTimersByTime(500);
    expect(FakeSocket.instances).toHaveLength(2);
    // Late events from the abandoned socket are ignored.
    FakeSocket.instances[0]?.drop(4001);
    expect(states.at(-1)?.status).toBe('connecting');
  });

  it('asks a token function for a fresh token on every connect', async () => {
    let n = 0;
    make({ token: async () => `t${++n}` });
    await vi.advanceTimersByTimeAsync(0);
    expect(latest().url).toContain('token=t1');
    latest().drop(1006);
    await vi.advanceTimersByTimeAsync(500);
    expect(latest().url).toContain('token=t2');
  });

  it('reconnectNow() skips the wait', () => {
    const { client } = make();
    latest().drop(1006);
    client.reconnectNow();
    expect(FakeSocket.instances).toHaveLength(2);
  });
});

describe('RealtimeClient clock sync', () => {
  it('sends a burst of time_sync samples on open, then one every 30 s', () => {
    make({ timeSync: {} });
    const socket = latest();
    socket.open();
    expect(socket.frames).toEqual([{ type: 'time_sync', t0: 1_000_000 }]);
    vi.advanceTimersByTime(400);
    expect(socket.frames.map((f) => f.t0)).toEqual([1_000_000, 1_000_100, 1_000_200, 1_000_300, 1_000_400]);
    vi.advanceTimersByTime(30_000 - 400);
    expect(socket.frames).toHaveLength(6);
    vi.advanceTimersByTime(30_000);
    expect(socket.frames).toHaveLength(7);
  });

  it('keeps the lowest round trip, hides replies from onFrame, and exposes serverNow()', () => {
    const { client, frames } = make({ timeSync: { burst: 3, spacingMs: 100 } });
    const socket = latest();
    socket.open();
    const t0s = () => socket.frames.map((f) => f.t0 as number);
    // Sample 1: rtt 80 ms, server 5 s ahead (+/- 40 ms).
    vi.advanceTimersByTime(80);
    socket.deliver({ type: 'time_sync', t0: t0s()[0], server_time: 1_000_000 + 40 + 5_030 });
    expect(client.offsetMs).toBe(5_030);
    expect(client.rttMs).toBe(80);
    // Sample 2 (sent at +100): rtt 10 ms, so it wins.
    vi.advanceTimersByTime(30);
    socket.deliver({ type: 'time_sync', t0: t0s()[1], server_time: 1_000_100 + 5 + 5_000 });
    // Sample 3 (sent at +200): rtt 50 ms, loses.
    vi.advanceTimersByTime(120);
    socket.deliver({ type: 'time_sync', t0: t0s()[2], server_time: 1_000_200 + 25 + 4_900 });
    expect(client.offsetMs).toBe(5_000);
    expect(client.rttMs).toBe(10);
    expect(client.serverNow()).toBe(Date.now() + 5_000);
    expect(frames).toEqual([]);
  });

  it('stops sampling when the socket closes', () => {
    make({ timeSync: {} });
    const socket = latest();
    socket.open();
    socket.drop(4001);
    vi.advanceTimersByTime(120_000);
    expect(socket.frames).toHaveLength(1);
  });
});
