/**
 * The child side of a benchmark server: starts the server, tells the parent its port, answers CPU
 * samples, and closes on `stop` (or when the parent goes away, so no process is ever left behind).
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { ChildMessage, ParentMessage } from './ipc.js';

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

function post(message: ChildMessage): void {
  process.send?.(message);
}

/** Runs `start` in this child process and serves the parent's requests until told to stop. */
export function serveChild(start: () => Promise<RunningServer>): void {
  if (!process.send) {
    console.error('this file is a benchmark server child: run it through `npm run bench`');
    process.exit(2);
  }
  let server: RunningServer | null = null;
  // The longest event-loop stall between two samples (a stalled server reads its sockets late).
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  let stopping = false;

  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // A server that does not close in time is not allowed to keep the benchmark waiting.
    setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await server?.close();
    } catch (err) {
      console.error('benchmark server close failed:', err);
    }
    if (process.connected) post({ type: 'stopped' });
    process.exit(0);
  };

  process.on('message', (message: ParentMessage) => {
    if (message.type === 'cpu') {
      const usage = process.cpuUsage();
      const maxStallMs = loopDelay.max / 1e6;
      loopDelay.reset();
      post({
        type: 'cpu',
        id: message.id,
        user: usage.user,
        system: usage.system,
        rss: process.memoryUsage.rss(),
        maxStallMs,
      });
    } else if (message.type === 'stop') {
      void stop();
    }
  });
  // The parent died or closed the channel: leave too.
  process.on('disconnect', () => void stop());

  start().then(
    (running) => {
      server = running;
      post({ type: 'listening', port: running.port });
    },
    (err: unknown) => {
      post({ type: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
      process.exit(1);
    },
  );
}
