/**
 * [ACC-4] Fuzzed bodies on every accounts route: random JSON values, random objects with the routes'
 * own field names, huge strings and raw non-JSON text sent as application/json. Every answer is a
 * JSON status below 500, and no row of users, refresh_tokens or password_resets appears unless the
 * request succeeded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/accounts/service.js';
import { passwordResets, refreshTokens, users } from '../../src/storage/schema/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

const RUNS = 200;

let server: TestServer;
let dataDir: string;
let userToken = '';
let staffToken = '';
let targetId = '';

async function login(username: string, password: string): Promise<string> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/login/',
    payload: { username, password },
  });
  return (res.json() as { access: string }).access;
}

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'roomful-accounts-fuzz-'));
  // High login limits: the point here is the parsing, not the throttle (429 would still pass).
  server = await startTestServer({
    listen: false,
    config: { dataDir, loginMaxPerIp: 1_000_000, loginMaxPerAccount: 1_000_000 },
  });
  const db = server.ctx.database.db;
  await createUser(db, { username: 'fuzzuser', email: 'fuzz@example.com', password: 'fuzz-pass' });
  await createUser(db, { username: 'fuzzstaff', password: 'staff-pass', isStaff: true });
  targetId = (await createUser(db, { username: 'fuzztarget' })).id;
  userToken = await login('fuzzuser', 'fuzz-pass');
  staffToken = await login('fuzzstaff', 'staff-pass');
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function rowCounts() {
  const db = server.ctx.database.db;
  const [u] = await db.select({ n: count() }).from(users);
  const [r] = await db.select({ n: count() }).from(refreshTokens);
  const [p] = await db.select({ n: count() }).from(passwordResets);
  return [u?.n, r?.n, p?.n];
}

const FIELDS = [
  'username',
  'email',
  'password',
  'password2',
  'password_confirm',
  'refresh',
  'display_name',
  'uid',
  'token',
  'is_staff',
  'is_premium',
  '__proto__',
  'constructor',
];

const value = fc.oneof(
  fc.anything({ maxDepth: 2 }),
  fc.string({ maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
  fc.constantFrom(
    '',
    ' ',
    'a',
    'a@b.co',
    'x'.repeat(20_000),
    'guest-12345678',
    'fuzzuser',
    'fuzz@example.com',
  ),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
);

/** Well-formed bodies (valid names, emails, matching passwords), so success paths are fuzzed too. */
const wellFormed = fc
  .record({
    username: fc.stringMatching(/^[\w.@+-]{1,30}$/),
    email: fc.emailAddress(),
    password: fc.string({ minLength: 1, maxLength: 40 }),
    display_name: fc.string({ minLength: 1, maxLength: 50 }),
    uid: fc.base64String({ maxLength: 60 }),
    token: fc.base64String({ maxLength: 60 }),
  })
  .map((v) => JSON.stringify({ ...v, password2: v.password, password_confirm: v.password }));

/** A request body: JSON text of a random value, or raw text that may not be JSON at all. */
const body = fc.oneof(
  fc.anything({ maxDepth: 3 }).map((v) => JSON.stringify(v) ?? ''),
  fc.object({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
  fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 6 }).map((v) => JSON.stringify(v)),
  // Mostly well-typed bodies, so requests get past type checks into the rules behind them.
  fc
    .record(
      Object.fromEntries(FIELDS.slice(0, 9).map((f) => [f, fc.oneof(fc.string({ maxLength: 40 }), value)])),
      {
        requiredKeys: [],
      },
    )
    .map((v) => JSON.stringify(v)),
  wellFormed,
  fc.string({ maxLength: 200 }),
  fc.constantFrom('[]', '"x"', 'null', '1', '{', '{"username":', '\u0000', '{"__proto__":{"a":1}}'),
);

interface Route {
  method: 'POST' | 'PATCH';
  url: () => string;
  label?: string;
  token?: () => string;
}

const routes: Route[] = [
  ...[
    '/api/register/',
    '/api/auth/register/',
    '/api/login/',
    '/api/auth/login/',
    '/api/token/refresh/',
    '/api/auth/refresh/',
    '/api/auth/logout/',
    '/api/logout/',
    '/api/auth/guest/',
    '/api/password-reset-request/',
    '/api/password-reset-confirm/',
  ].map((url): Route => ({ method: 'POST', url: () => url })),
  { method: 'PATCH', url: () => '/api/me/', token: () => userToken },
  {
    method: 'PATCH',
    url: () => `/api/admin/users/${targetId}/`,
    label: '/api/admin/users/<id>/',
    token: () => staffToken,
  },
];

/** Sends one request and checks the invariants; returns the status. */
async function check(request: InjectOptions & { url: string }): Promise<number> {
  const before = await rowCounts();
  const res = await server.app.inject(request);
  expect(res.statusCode, res.body).toBeLessThan(500);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  expect(() => JSON.parse(res.body) as unknown).not.toThrow();
  if (res.statusCode < 200 || res.statusCode >= 300) expect(await rowCounts()).toEqual(before);
  return res.statusCode;
}

describe('accounts routes under fuzzed input', () => {
  for (const route of routes) {
    it(`[ACC-4] ${route.method} ${route.label ?? route.url()} never fails or leaks rows`, async () => {
      await fc.assert(
        fc.asyncProperty(body, async (payload) => {
          const headers: Record<string, string> = { 'content-type': 'application/json' };
          if (route.token) headers.authorization = `Bearer ${route.token()}`;
          await check({ method: route.method, url: route.url(), headers, payload });
        }),
        { numRuns: RUNS },
      );
    }, 60_000);
  }

  it('[ACC-12] random Authorization headers on GET /api/me/ are 200 or 401 JSON', async () => {
    const header = fc.oneof(
      fc.string({ maxLength: 100 }),
      fc.string({ maxLength: 300 }).map((s) => `Bearer ${s}`),
      fc.constantFrom('Bearer', 'Bearer ', 'bearer x', 'Bearer a b', `Bearer ${'x'.repeat(5000)}`),
    );
    await fc.assert(
      fc.asyncProperty(header, async (authorization) => {
        const status = await check({ method: 'GET', url: '/api/me/', headers: { authorization } });
        expect([200, 401]).toContain(status);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);

  it('[ACC-16] random query strings on GET /api/admin/users/', async () => {
    const query = fc.record({
      search: fc.string({ maxLength: 200 }),
      page: fc.oneof(fc.string(), fc.integer()),
    });
    await fc.assert(
      fc.asyncProperty(query, async (q) => {
        const qs = new URLSearchParams({ search: q.search, page: String(q.page) }).toString();
        const status = await check({
          method: 'GET',
          url: `/api/admin/users/?${qs}`,
          headers: { authorization: `Bearer ${staffToken}` },
        });
        expect([200, 400, 404]).toContain(status);
      }),
      { numRuns: RUNS },
    );
  }, 60_000);
});
