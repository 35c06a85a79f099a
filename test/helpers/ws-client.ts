/** A small WebSocket test client: collects frames, waits for one matching a predicate, records the close. */
import WebSocket from 'ws';

export interface TestSocket {
  ws: WebSocket;
  frames: unknown[];
  send(frame: unknown): void;
  sendRaw(text: string): void;
  /** Resolves with the first frame (already received or future) that matches. */
  next<T = Record<string, unknown>>(match?: (frame: T) => boolean, timeoutMs?: number): Promise<T>;
  /** Resolves with the close code. */
  closed(timeoutMs?: number): Promise<number>;
  close(): void;
}

export function connect(url: string): Promise<TestSocket> {
  const ws = new WebSocket(url);
  const frames: unknown[] = [];
  const waiters: { match: (f: unknown) => boolean; resolve: (f: unknown) => void; from: number }[] = [];
  let closeCode: number | null = null;
  const closeWaiters: ((code: number) => void)[] = [];
  let consumed = 0;
  ws.on('message', (data) => {
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      frame = data.toString();
    }
    frames.push(frame);
    for (const waiter of [...waiters]) {
      if (waiter.match(frame)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  ws.on('close', (code) => {
    closeCode = code;
    for (const resolve of closeWaiters.splice(0)) resolve(code);
  });
  const socket: TestSocket = {
    ws,
    frames,
    send: (frame) => ws.send(JSON.stringify(frame)),
    sendRaw: (text) => ws.send(text),
    next: <T>(match: (frame: T) => boolean = () => true, timeoutMs = 5000) => {
      for (let i = consumed; i < frames.length; i += 1) {
        if (match(frames[i] as T)) {
          consumed = i + 1;
          return Promise.resolve(frames[i] as T);
        }
      }
      return new Promise<T>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames)}`)),
          timeoutMs,
        );
        waiters.push({
          match: match as (f: unknown) => boolean,
          from: consumed,
          resolve: (f) => {
            clearTimeout(timer);
            consumed = frames.length;
            resolve(f as T);
          },
        });
      });
    },
    closed: (timeoutMs = 5000) =>
      closeCode !== null
        ? Promise.resolve(closeCode)
        : new Promise<number>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error('socket did not close')), timeoutMs);
            closeWaiters.push((code) => {
              clearTimeout(timer);
              resolve(code);
            });
          }),
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
  });
}
