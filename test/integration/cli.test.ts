/**
 * [CLI-*] The roomful command: help, direct tasks on a data folder, and tasks sent through a running
 * server that owns the embedded database.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const bin = path.resolve(import.meta.dirname, '../../bin/roomful.js');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'roomful-cli-'));
const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '', REDIS_URL: '' };

function roomful(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { env, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('roomful CLI', () => {
  it('[CLI-1] --help lists every command, and each has its own --help', () => {
    const help = roomful('--help');
    expect(help.code).toBe(0);
    for (const command of ['serve', 'migrate', 'create-superuser', 'seed-demo', 'outbox']) {
      expect(help.out).toContain(command);
    }
    expect(roomful('seed-demo', '--help').out).toContain('--clear');
  });

  it('[CLI-2] migrate, seed-demo and create-superuser work on the data folder directly', () => {
    expect(roomful('migrate').out).toContain('Migrations applied (pglite)');
    expect(roomful('seed-demo').out).toContain('testuser');
    const made = roomful('create-superuser', '--username', 'boss', '--password', 'a-long-password');
    expect(made.out).toContain('Superuser boss created.');
    const again = roomful('create-superuser', '--username', 'boss', '--password', 'x');
    expect(again.code).toBe(1);
    expect(again.err).toContain('already exists');
  });

  it('[CLI-3] with a server running on the same data folder, tasks go through it (seed-demo, outbox)', async () => {
    const server = spawn(process.execPath, [bin, 'serve'], {
      env: { ...env, PORT: '0', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('server did not start')), 60_000);
        let out = '';
        server.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const match = /"url":"(http:[^"]+)"/.exec(out);
          if (match?.[1]) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
      });
      const seeded = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [bin, 'seed-demo'], { env });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', () => resolve(out));
      });
      expect(seeded).toContain(`run by the server at ${url}`);
      // A reset mail for the demo user lands in the outbox; `outbox` lists it through the server.
      await fetch(`${url}/api/password-reset-request/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'testuser@example.com' }),
      });
      const outbox = await new Promise<string>((resolve) => {
        const child = spawn(process.execPath, [bin, 'outbox'], { env });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString()));
        child.on('exit', () => resolve(out));
      });
      expect(outbox).toContain('testuser@example.com');
      expect(outbox).toContain('Reset your password');
      const login = await fetch(`${url}/api/login/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'boss', password: 'a-long-password' }),
      });
      expect(login.status).toBe(200);
      const bridge = await fetch(`${url}/api/internal/cli/`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-roomful-cli-token': 'guess' },
        body: JSON.stringify({ task: 'seed-demo' }),
      });
      expect(bridge.status).toBe(403);
    } finally {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
  });
});
