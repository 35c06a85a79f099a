/**
 * The parent side of a benchmark server child: forks a TypeScript file through tsx with an IPC
 * channel, waits for its port, samples its CPU time on demand, and stops it (killing it if it does
 * not exit in time). Every wait is bounded.
 */
import { fork, type ChildProcess } from 'node:child_process';
import type { ChildMessage, CpuSample, ParentMessage } from './ipc.js';

export interface ServerChild {
  port: number;
  pid: number;
  /** The child's own CPU time so far (answered by the child over IPC). */
  cpu(): Promise<CpuSample>;
  /** Asks the child to close; kills it after `timeoutMs`. Safe to call twice. */
  stop(timeoutMs?: number): Promise<void>;
}

const live = new Set<ChildProcess>();

// Whatever happens to the parent, its server children do not outlive it.
process.on('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

export async function startServerChild(file: string, startTimeoutMs = 90_000): Promise<ServerChild> {
  const child = fork(file, [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  live.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));

  let nextId = 0;
  const pending = new Map<number, (sample: CpuSample) => void>();
  child.on('message', (message: ChildMessage) => {
    if (message.type === 'cpu') {
      pending.get(message.id)?.({
        user: message.user,
        system: message.system,
        rss: message.rss,
        maxStallMs: message.maxStallMs,
      });
      pending.delete(message.id);
    }
  });
  const send = (message: ParentMessage): void => {
    if (child.connected) child.send(message);
  };

  const stop = async (timeoutMs = 15_000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    send({ type: 'stop' });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  };

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${file}: not listening after ${startTimeoutMs} ms`)),
      startTimeoutMs,
    );
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'listening') {
        clearTimeout(timer);
        resolve(message.port);
      } else if (message.type === 'failed') {
        clearTimeout(timer);
        reject(new Error(`${file}: ${message.error}`));
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`${file}: exited before listening (code ${child.exitCode})`));
    });
  }).catch(async (err: unknown) => {
    await stop(2000);
    throw err;
  });

  return {
    port,
    pid: child.pid ?? -1,
    cpu: () =>
      new Promise<CpuSample>((resolve, reject) => {
        const id = (nextId += 1);
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${file}: no CPU sample within 30 s`));
        }, 30_000);
        pending.set(id, (sample) => {
          clearTimeout(timer);
          resolve(sample);
        });
        send({ type: 'cpu', id });
      }),
    stop,
  };
}
