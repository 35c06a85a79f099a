/**
 * Real server processes for multi-process tests: each runs test/integration/fixtures/server-process.ts
 * (the full app plus a demo endpoint) with the given environment and prints `LISTENING <url>`.
 * `startServerPair` gives two processes on one fresh PostgreSQL database and one Redis prefix.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { freshPostgresDatabase, redisUrl, uniqueRedisPrefix } from './services.js';

const fixture = path.resolve(import.meta.dirname, '../integration/fixtures/server-process.ts');

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port> */
  http: string;
  /** ws://127.0.0.1:<port> */
  ws: string;
}

/** Starts one server process and resolves once it listens (rejects if it exits or takes over 60 s). */
export function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server process did not start')), 60_000);
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /LISTENING (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve({ child, http: match[1], ws: match[1].replace(/^http/, 'ws') });
      }
    });
    child.once('exit', (code) => reject(new Error(`server process exited with ${code}`)));
  });
}

export interface ServerPair {
  a: ServerProcess;
  b: ServerProcess;
  /** The shared environment (DATABASE_URL, REDIS_URL, REDIS_PREFIX, JWT_SECRET and the extras). */
  env: Record<string, string>;
  /** Stops both processes and drops the database. */
  close(): Promise<void>;
}

/**
 * Two processes on one fresh PostgreSQL database and one Redis prefix, started one after the other
 * (the second start also proves migrations are safe to run again).
 */
export async function startServerPair(extraEnv: Record<string, string> = {}): Promise<ServerPair> {
  const database = await freshPostgresDatabase();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl ?? '',
    REDIS_PREFIX: uniqueRedisPrefix(),
    JWT_SECRET: 'two-process-secret-two-process-secret',
    ...extraEnv,
  };
  const a = await startServerProcess(env);
  const b = await startServerProcess(env);
  return {
    a,
    b,
    env,
    close: async () => {
      const exits = [a, b]
        .filter((p) => p.child.exitCode === null && p.child.signalCode === null)
        .map((p) => new Promise((resolve) => p.child.once('exit', resolve)));
      for (const p of [a, b]) p.child.kill('SIGTERM');
      await Promise.race([Promise.all(exits), new Promise((r) => setTimeout(r, 5000))]);
      await database.drop();
    },
  };
}
