/** Accounts rules ACC-1..ACC-18: see docs/spec/accounts.md. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, ensureDemoUser, findUserByUsername } from '../../src/features/accounts/service.js';
import { listOutbox } from '../../src/features/accounts/mailer.js';
import { FakeClock } from '../../src/realtime/clock.js';
import { passwordResets, refreshTokens, users } from '../../src/storage/schema/index.js';
import type { Database } from '../../src/storage/database.js';
import { postgresTestDatabase } from '../helpers/database.js';
import { postgresUrl } from '../helpers/services.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Small HTTP helpers over app.inject for one server. */
function client(getServer: () => TestServer) {
  const send = async (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    body?: unknown,
    token?: string,
    ip?: string,
  ) => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await getServer().app.inject({
      method,
      url,
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      headers,
      ...(ip ? { remoteAddress: ip } : {}),
    });
    return { status: res.statusCode, body: res.json() as Json, headers: res.headers };
  };
  const unique = (prefix = 'user') => `${prefix}${randomBytes(5).toString('hex')}`;
  return {
    post: (url: string, body?: unknown, token?: string, ip?: string) => send('POST', url, body, token, ip),
    get: (url: string, token?: string) => send('GET', url, undefined, token),
    patch: (url: string, body: unknown, token?: string) => send('PATCH', url, body, token),
    unique,
    /** Registers a fresh user (Wiperino shape) and logs in. */
    async signUp(password = 'pw-for-tests') {
      const username = unique();
      const email = `${username}@example.com`;
      const reg = await send('POST', '/api/register/', { username, email, password, password2: password });
      expect(reg.status).toBe(201);
      const login = await send('POST', '/api/login/', { username, password });
      expect(login.status).toBe(200);
      return {
        username,
        email,
        password,
        ...(login.body as { access: string; refresh: string; id: string }),
      };
    },
  };
}

async function rowCounts(database: Database) {
  const [u] = await database.db.select({ n: count() }).from(users);
  const [r] = await database.db.select({ n: count() }).from(refreshTokens);
  const [p] = await database.db.select({ n: count() }).from(passwordResets);
  return { users: u?.n, refresh: r?.n, resets: p?.n };
}

function decodeJwt(token: string): Json {
  const parts = token.split('.');
  expect(parts).toHaveLength(3);
  return JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8')) as Json;
}

/** The reset link in the newest outbox mail to `email`. */
async function resetLink(dataDir: string, email: string) {
  const mails = (await listOutbox(dataDir)).filter((m) => m.to === email);
  const mail = mails.at(-1);
  const match = mail?.text.match(/\/reset-password\/([^/\s]+)\/([^/\s]+)\//);
  return { mails, uid: match?.[1] ?? '', token: match?.[2] ?? '', mail };
}

/** Register, login, refresh, logout, me, reset: run against every database. */
function coreFlows(getServer: () => TestServer, getDataDir: () => string) {
  const api = client(getServer);

  it('[ACC-18] register, login by username and email, refresh, me, logout', async () => {
    const u = await api.signUp();
    const byEmail = await api.post('/api/auth/login/', { email: u.email, password: u.password });
    expect(byEmail.status).toBe(200);
    expect(byEmail.body.id).toBe(u.id);
    const refreshed = await api.post('/api/token/refresh/', { refresh: u.refresh });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.refresh).not.toBe(u.refresh);
    expect((await api.post('/api/token/refresh/', { refresh: u.refresh })).status).toBe(200);
    const me = await api.get('/api/me/', refreshed.body.access);
    expect(me.body).toMatchObject({ id: u.id, username: u.username, email: u.email });
    expect(await api.post('/api/auth/logout/', {}, u.access)).toMatchObject({
      status: 200,
      body: { success: true },
    });
    expect((await api.post('/api/auth/refresh/', { refresh: refreshed.body.refresh })).status).toBe(401);
  });

  it('[ACC-18] password reset by mail, then login with the new password', async () => {
    const u = await api.signUp();
    expect((await api.post('/api/password-reset-request/', { email: u.email })).status).toBe(200);
    const { uid, token } = await resetLink(getDataDir(), u.email);
    const confirm = { uid, token, password: 'brand-new-pw', password2: 'brand-new-pw' };
    expect((await api.post('/api/password-reset-confirm/', confirm)).status).toBe(200);
    expect((await api.post('/api/password-reset-confirm/', confirm)).status).toBe(400);
    expect((await api.post('/api/login/', { username: u.username, password: 'brand-new-pw' })).status).toBe(
      200,
    );
  });

  it('[ACC-18] uniqueness, guests and PATCH /api/me/', async () => {
    const a = await api.signUp();
    const b = await api.signUp();
    const dup = await api.post('/api/register/', {
      username: a.username.toUpperCase(),
      email: 'x' + a.email,
      password: 'p',
      password2: 'p',
    });
    expect(dup.body).toEqual({ username: ['A user with that username already exists.'] });
    const patch = await api.patch('/api/me/', { email: b.email.toUpperCase() }, a.access);
    expect(patch).toMatchObject({ status: 400, body: { email: ['Email already exists.'] } });
    const guest = await api.post('/api/auth/guest/', { display_name: 'Viewer' });
    expect(guest.body).toMatchObject({ display_name: 'Viewer', is_guest: true });
  });
}

let server: TestServer;
let dataDir: string;
const clock = new FakeClock(Date.now());
const api = client(() => server);

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'roomful-accounts-'));
  server = await startTestServer({
    listen: false,
    clock,
    config: { dataDir, publicUrl: 'https://roomful.example/', passwordResetTtl: 600 },
  });
});
afterAll(async () => {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('core flows on PGlite', () =>
  coreFlows(
    () => server,
    () => dataDir,
  ));

describe('registration', () => {
  it('[ACC-1] Wiperino register answers 201 {username,email} and accepts weak passwords', async () => {
    const before = await rowCounts(server.ctx.database);
    const res = await api.post('/api/register/', {
      username: 'wipeuser',
      email: 'WipeUser@Example.com',
      password: 'a',
      password2: 'a',
    });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ username: 'wipeuser', email: 'wipeuser@example.com' });
    expect((await rowCounts(server.ctx.database)).users).toBe(Number(before.users) + 1);
  });

  it("[ACC-2] mismatched passwords: Wiperino's and the lobby's messages", async () => {
    const name = api.unique();
    const wiperino = await api.post('/api/register/', {
      username: name,
      email: `${name}@example.com`,
      password: 'one',
      password2: 'two',
    });
    expect(wiperino).toMatchObject({ status: 400, body: { non_field_errors: ["Passwords don't match."] } });
    const lobby = await api.post('/api/auth/register/', {
      username: name,
      email: `${name}@example.com`,
      password: 'Str0ng-pass-phrase',
      password_confirm: 'Str0ng-pass-phrase!',
    });
    expect(lobby).toMatchObject({ status: 400, body: { non_field_errors: ["Passwords don't match"] } });
    expect(await findUserByUsername(server.ctx.database.db, name)).toBeUndefined();
  });

  it('[ACC-3] duplicate email, duplicate username (any case), reserved guest- names', async () => {
    const u = await api.signUp();
    const sameEmail = await api.post('/api/register/', {
      username: api.unique(),
      email: u.email.toUpperCase(),
      password: 'x',
      password2: 'x',
    });
    expect(sameEmail).toMatchObject({ status: 400, body: { email: ['Email already exists.'] } });
    const sameName = await api.post('/api/auth/register/', {
      username: u.username.toUpperCase(),
      password: 'Str0ng-pass-phrase',
      password_confirm: 'Str0ng-pass-phrase',
    });
    expect(sameName).toMatchObject({
      status: 400,
      body: { username: ['A user with that username already exists.'] },
    });
    const both = await api.post('/api/register/', {
      username: u.username,
      email: u.email,
      password: 'a',
      password2: 'b',
    });
    // Field errors come before the password match, as DRF runs field validation first.
    expect(both.body).toEqual({
      username: ['A user with that username already exists.'],
      email: ['Email already exists.'],
    });
    const reserved = await api.post('/api/register/', {
      username: 'guest-12345678',
      email: `${api.unique()}@example.com`,
      password: 'a',
      password2: 'a',
    });
    expect(reserved.status).toBe(400);
    expect(reserved.body.username[0]).toMatch(/reserved/);
  });

  it('[ACC-4] bad fields get DRF messages and create nothing', async () => {
    const before = await rowCounts(server.ctx.database);
    const cases: Array<[unknown, Json]> = [
      [
        {},
        {
          username: ['This field is required.'],
          email: ['This field is required.'],
          password: ['This field is required.'],
          password2: ['This field is required.'],
        },
      ],
      [
        { username: null, email: 5, password: '', password2: ['x'] },
        {
          username: ['This field may not be null.'],
          email: ['Not a valid string.'],
          password: ['This field may not be blank.'],
          password2: ['Not a valid string.'],
        },
      ],
      [
        { username: 'bad name!', email: 'not-an-email', password: 'x', password2: 'x' },
        {
          username: [
            'Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.',
          ],
          email: ['Enter a valid email address.'],
        },
      ],
      [
        { username: 'u'.repeat(151), email: 'a@b.co', password: 'p'.repeat(129), password2: 'x' },
        {
          username: ['Ensure this field has no more than 150 characters.'],
          password: ['Ensure this field has no more than 128 characters.'],
        },
      ],
      [[], { non_field_errors: ['Invalid data. Expected a dictionary, but got list.'] }],
      ['x', { non_field_errors: ['Invalid data. Expected a dictionary, but got str.'] }],
      [7, { non_field_errors: ['Invalid data. Expected a dictionary, but got int.'] }],
    ];
    for (const [body, expected] of cases) {
      const res = await server.app.inject({
        method: 'POST',
        url: '/api/register/',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json()).toEqual(expected);
    }
    const nullBody = await server.app.inject({
      method: 'POST',
      url: '/api/auth/register/',
      headers: { 'content-type': 'application/json' },
      payload: 'null',
    });
    expect(nullBody.statusCode).toBe(400);
    expect(nullBody.json()).toHaveProperty('username', ['This field is required.']);
    const broken = await server.app.inject({
      method: 'POST',
      url: '/api/register/',
      headers: { 'content-type': 'application/json' },
      payload: '{"username":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'parse_error' });
    expect(await rowCounts(server.ctx.database)).toEqual(before);
  });

  it('[ACC-4] unicode usernames are accepted (Django \\w), NFKC-normalized', async () => {
    const res = await api.post('/api/register/', {
      username: 'Zoë_ﬁ.9',
      email: `${api.unique()}@example.com`,
      password: 'x',
      password2: 'x',
    });
    expect(res.status).toBe(201);
    expect(res.body.username).toBe('Zoë_fi.9');
  });

  it('[ACC-5] lobby register: 201 {message,user_id} and Django password validators', async () => {
    const name = api.unique('lobby');
    const ok = await api.post('/api/auth/register/', {
      username: name,
      email: `${name}@example.com`,
      password: 'correct horse battery',
      password_confirm: 'correct horse battery',
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toEqual({ message: 'User created successfully', user_id: expect.any(String) });
    expect(ok.body.user_id).toMatch(/^[0-9a-f-]{36}$/);
    const weak = async (password: string, username = api.unique('weak')) =>
      (await api.post('/api/auth/register/', { username, password, password_confirm: password })).body;
    expect(await weak('short1')).toEqual({
      password: ['This password is too short. It must contain at least 8 characters.'],
    });
    expect(await weak('password123')).toEqual({ password: ['This password is too common.'] });
    expect(await weak('93847561029')).toEqual({ password: ['This password is entirely numeric.'] });
    expect(await weak('marvellous1', 'marvellous')).toEqual({
      password: ['The password is too similar to the username.'],
    });
    expect(await weak('1234567')).toEqual({
      password: [
        'This password is too short. It must contain at least 8 characters.',
        'This password is too common.',
        'This password is entirely numeric.',
      ],
    });
  });
});

describe('login', () => {
  it('[ACC-6] by username or email, on both paths, with the union answer and real JWTs', async () => {
    const u = await api.signUp('secret-pass');
    for (const path of ['/api/login/', '/api/auth/login/']) {
      for (const body of [
        { username: u.username, password: 'secret-pass' },
        { email: u.email.toUpperCase(), password: 'secret-pass' },
        { username: u.email, password: 'secret-pass' },
      ]) {
        const res = await api.post(path, body);
        expect(res.status, `${path} ${JSON.stringify(body)}`).toBe(200);
        expect(Object.keys(res.body).sort()).toEqual(
          ['access', 'access_token', 'display_name', 'id', 'is_guest', 'refresh', 'username'].sort(),
        );
        expect(res.body).toMatchObject({
          id: u.id,
          username: u.username,
          display_name: u.username,
          is_guest: false,
        });
        expect(res.body.access_token).toBe(res.body.access);
        const claims = decodeJwt(res.body.access);
        expect(claims).toMatchObject({ user_id: u.id, token_type: 'access' });
        expect(claims.exp - claims.iat).toBe(300);
        expect(decodeJwt(res.body.refresh).token_type).toBe('refresh');
      }
    }
    const row = await findUserByUsername(server.ctx.database.db, u.username);
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('[ACC-7] wrong password, unknown user and guests get the same 401', async () => {
    const u = await api.signUp();
    const guest = await api.post('/api/auth/guest/', { display_name: 'G' });
    const expected = {
      detail: 'No active account found with the given credentials',
      error: 'Invalid credentials',
    };
    for (const body of [
      { username: u.username, password: 'wrong' },
      { email: 'nobody@example.com', password: 'whatever' },
      { username: guest.body.username, password: 'x' },
    ]) {
      const res = await api.post('/api/login/', body, undefined, '10.9.9.9');
      expect(res.status).toBe(401);
      expect(res.body).toEqual(expected);
    }
    const missing = await api.post('/api/login/', { password: 'x' });
    expect(missing).toMatchObject({ status: 400, body: { username: ['This field is required.'] } });
  });
});

describe('tokens', () => {
  it('[ACC-9] refresh gives a new refresh token and the old one keeps working', async () => {
    const u = await api.signUp();
    const first = await api.post('/api/token/refresh/', { refresh: u.refresh });
    expect(first.status).toBe(200);
    expect(Object.keys(first.body).sort()).toEqual(['access', 'refresh']);
    expect(first.body.refresh).not.toBe(u.refresh);
    const again = await api.post('/api/auth/refresh/', { refresh: u.refresh });
    expect(again.status).toBe(200);
    expect((await api.post('/api/token/refresh/', { refresh: first.body.refresh })).status).toBe(200);
    expect((await api.get('/api/me/', first.body.access)).status).toBe(200);
  });

  it('[ACC-9] invalid, access-type and expired refresh tokens are 401 token_not_valid', async () => {
    const u = await api.signUp();
    const expected = { detail: 'Token is invalid or expired', code: 'token_not_valid' };
    for (const refresh of ['garbage', u.access, u.refresh.slice(0, -2) + 'xx']) {
      const res = await api.post('/api/token/refresh/', { refresh });
      expect(res).toMatchObject({ status: 401, body: expected });
    }
    expect((await api.post('/api/token/refresh/', {})).body).toEqual({
      refresh: ['This field is required.'],
    });
    clock.advance(7 * 24 * 3600 * 1000 + 1000);
    expect((await api.post('/api/token/refresh/', { refresh: u.refresh })).body).toEqual(expected);
  });

  it('[ACC-10] logout with a Bearer token or a refresh body revokes every refresh token', async () => {
    const u = await api.signUp();
    const second = await api.post('/api/login/', { username: u.username, password: u.password });
    expect(await api.post('/api/auth/logout/', undefined, u.access)).toMatchObject({
      status: 200,
      body: { success: true },
    });
    for (const refresh of [u.refresh, second.body.refresh]) {
      expect((await api.post('/api/token/refresh/', { refresh })).status).toBe(401);
    }
    const v = await api.signUp();
    expect((await api.post('/api/logout/', { refresh: v.refresh })).body).toEqual({ success: true });
    expect((await api.post('/api/token/refresh/', { refresh: v.refresh })).status).toBe(401);
    // Logging in again works after a logout.
    expect((await api.post('/api/login/', { username: v.username, password: v.password })).status).toBe(200);
  });

  it('[ACC-10] logout without credentials (or with junk) still answers success', async () => {
    for (const body of [undefined, {}, [], { refresh: 'junk' }, { refresh: 5 }]) {
      const res = await api.post('/api/auth/logout/', body, undefined);
      expect(res).toMatchObject({ status: 200, body: { success: true } });
    }
    expect((await api.post('/api/auth/logout/', {}, 'not-a-jwt')).body).toEqual({ success: true });
  });
});

describe('guests', () => {
  it('[ACC-11] each call makes a new guest with a generated username', async () => {
    const a = await api.post('/api/auth/guest/', { display_name: '  Movie Fan  ' });
    const b = await api.post('/api/auth/guest/', { display_name: 'Movie Fan' });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ display_name: 'Movie Fan', is_guest: true });
    expect(a.body.username).toMatch(/^guest-[0-9a-f]{8}$/);
    expect(a.body.access_token).toBe(a.body.access);
    expect(b.body.id).not.toBe(a.body.id);
    const me = await api.get('/api/me/', a.body.access);
    expect(me.body).toMatchObject({ is_guest: true, email: null, display_name: 'Movie Fan' });
    expect((await api.post('/api/token/refresh/', { refresh: a.body.refresh })).status).toBe(200);
  });

  it('[ACC-11] missing, blank, non-string or long display names are rejected', async () => {
    const before = await rowCounts(server.ctx.database);
    for (const body of [{}, { display_name: '   ' }, { display_name: 5 }, { display_name: null }, [], 'x']) {
      const res = await api.post('/api/auth/guest/', body);
      expect(res).toMatchObject({ status: 400, body: { error: 'Display name required' } });
    }
    const long = await api.post('/api/auth/guest/', { display_name: 'x'.repeat(51) });
    expect(long.status).toBe(400);
    expect(long.body.error).toMatch(/50/);
    expect(await rowCounts(server.ctx.database)).toEqual(before);
  });
});

describe('profile', () => {
  it('[ACC-12] 401 without credentials, token_not_valid for bad or expired tokens', async () => {
    expect(await api.get('/api/me/')).toMatchObject({
      status: 401,
      body: { detail: 'Authentication credentials were not provided.' },
    });
    const invalid = { detail: 'Given token not valid for any token type', code: 'token_not_valid' };
    const u = await api.signUp();
    for (const token of ['abc', u.refresh, u.access + 'x']) {
      expect(await api.get('/api/me/', token)).toMatchObject({ status: 401, body: invalid });
    }
    const bare = await server.app.inject({
      method: 'GET',
      url: '/api/me/',
      headers: { authorization: 'Bearer' },
    });
    expect(bare.statusCode).toBe(401);
    clock.advance(301_000);
    expect(await api.get('/api/me/', u.access)).toMatchObject({ status: 401, body: invalid });
  });

  it('[ACC-13] GET /api/me/ shows the profile', async () => {
    const u = await api.signUp();
    const me = await api.get('/api/me/', u.access);
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: u.id,
      username: u.username,
      email: u.email,
      display_name: u.username,
      is_premium: false,
      is_staff: false,
      is_guest: false,
      created_at: expect.any(String),
    });
    expect(Number.isNaN(Date.parse(me.body.created_at))).toBe(false);
  });

  it('[ACC-13] PATCH /api/me/ changes username, email and display name; flags are ignored', async () => {
    const u = await api.signUp();
    const name = api.unique('renamed');
    const res = await api.patch(
      '/api/me/',
      {
        username: name,
        email: `${name}@Example.com`,
        display_name: ' New Name ',
        is_premium: true,
        is_staff: true,
      },
      u.access,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: name,
      email: `${name}@example.com`,
      display_name: 'New Name',
      is_premium: false,
      is_staff: false,
    });
    expect((await api.post('/api/login/', { username: name, password: u.password })).status).toBe(200);
    // Keeping one's own username (in another case) is not a conflict; clearing the email is allowed.
    expect(
      (await api.patch('/api/me/', { username: name.toUpperCase(), email: '' }, u.access)).body,
    ).toMatchObject({
      username: name.toUpperCase(),
      email: null,
    });
  });

  it('[ACC-13] PATCH /api/me/ uniqueness and validation errors change nothing', async () => {
    const a = await api.signUp();
    const b = await api.signUp();
    const res = await api.patch(
      '/api/me/',
      { username: b.username, email: b.email, display_name: 'ok' },
      a.access,
    );
    expect(res).toMatchObject({
      status: 400,
      body: { username: ['A user with that username already exists.'], email: ['Email already exists.'] },
    });
    const bad = await api.patch('/api/me/', { username: 'no spaces', display_name: '  ' }, a.access);
    expect(Object.keys(bad.body).sort()).toEqual(['display_name', 'username']);
    expect((await api.patch('/api/me/', [], a.access)).status).toBe(400);
    expect((await api.get('/api/me/', a.access)).body).toMatchObject({
      username: a.username,
      display_name: a.username,
    });
  });
});

describe('password reset', () => {
  it('[ACC-14] the same answer for any email; a mail with the link only for a registered user', async () => {
    const u = await api.signUp();
    const expected = { message: 'If this email is registered, you will receive a reset link in your email.' };
    const before = (await listOutbox(dataDir)).length;
    const unknown = await api.post('/api/password-reset-request/', { email: 'nobody-here@example.com' });
    expect(unknown).toMatchObject({ status: 200, body: expected });
    expect(await listOutbox(dataDir)).toHaveLength(before);
    const known = await api.post('/api/password-reset-request/', { email: u.email });
    expect(known).toMatchObject({ status: 200, body: expected });
    const { mails, mail, uid, token } = await resetLink(dataDir, u.email);
    expect(mails).toHaveLength(1);
    expect(mail?.subject).toBe('Reset your password');
    expect(mail?.text).toContain(`https://roomful.example/reset-password/${uid}/${token}/`);
    expect(Buffer.from(uid, 'base64url').toString()).toBe(u.id);
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect((await api.post('/api/password-reset-request/', { email: 'nope' })).status).toBe(400);
  });

  it('[ACC-15] confirm sets the password, revokes refresh tokens, and works once', async () => {
    const u = await api.signUp();
    await api.post('/api/password-reset-request/', { email: u.email });
    const { uid, token } = await resetLink(dataDir, u.email);
    const res = await api.post('/api/password-reset-confirm/', {
      uid,
      token,
      password: 'n3w-pass',
      password2: 'n3w-pass',
    });
    expect(res).toMatchObject({ status: 200, body: { message: 'Password reset successful.' } });
    expect((await api.post('/api/token/refresh/', { refresh: u.refresh })).status).toBe(401);
    expect((await api.post('/api/login/', { username: u.username, password: u.password })).status).toBe(401);
    expect((await api.post('/api/login/', { username: u.username, password: 'n3w-pass' })).status).toBe(200);
    const reuse = await api.post('/api/password-reset-confirm/', {
      uid,
      token,
      password: 'again',
      password2: 'again',
    });
    expect(reuse).toMatchObject({ status: 400, body: { non_field_errors: ['Invalid or expired token.'] } });
  });

  it('[ACC-15] mismatch, invalid user, wrong token and expiry', async () => {
    const u = await api.signUp();
    await api.post('/api/password-reset-request/', { email: u.email });
    const { uid, token } = await resetLink(dataDir, u.email);
    const confirm = (body: Record<string, unknown>) =>
      api.post('/api/password-reset-confirm/', { uid, token, password: 'p1', password2: 'p1', ...body });
    expect((await confirm({ password2: 'p2' })).body).toEqual({
      non_field_errors: ["Passwords don't match."],
    });
    for (const badUid of [
      'zzz',
      Buffer.from('00000000-0000-0000-0000-000000000000').toString('base64url'),
      '!!',
    ]) {
      expect((await confirm({ uid: badUid })).body).toEqual({ non_field_errors: ['Invalid user.'] });
    }
    expect((await confirm({ token: token.slice(1) })).body).toEqual({
      non_field_errors: ['Invalid or expired token.'],
    });
    // Another user's valid uid with this token does not work either.
    const other = await api.signUp();
    const otherUid = Buffer.from(other.id).toString('base64url');
    expect((await confirm({ uid: otherUid })).body).toEqual({
      non_field_errors: ['Invalid or expired token.'],
    });
    clock.advance(601_000);
    expect((await confirm({})).body).toEqual({ non_field_errors: ['Invalid or expired token.'] });
    expect((await api.post('/api/password-reset-confirm/', {})).body).toMatchObject({
      uid: ['This field is required.'],
      token: ['This field is required.'],
    });
  });
});

describe('admin', () => {
  async function staffToken(options: { superuser?: boolean } = {}) {
    const username = api.unique('staff');
    await createUser(server.ctx.database.db, {
      username,
      password: 'staff-pass',
      isStaff: true,
      isSuperuser: options.superuser ?? false,
    });
    return (await api.post('/api/login/', { username, password: 'staff-pass' })).body.access as string;
  }

  it('[ACC-16] staff only: 401 without a token, 403 for users', async () => {
    const u = await api.signUp();
    expect((await api.get('/api/admin/users/')).status).toBe(401);
    expect(await api.get('/api/admin/users/', u.access)).toMatchObject({
      status: 403,
      body: { detail: 'You do not have permission to perform this action.' },
    });
    expect((await api.patch(`/api/admin/users/${u.id}/`, { is_premium: true }, u.access)).status).toBe(403);
  });

  it('[ACC-16] staff set premium and staff flags; the change shows in /api/me/ and the next token', async () => {
    const staff = await staffToken();
    const u = await api.signUp();
    const res = await api.patch(
      `/api/admin/users/${u.id}/`,
      { is_premium: true, username: 'ignored' },
      staff,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: u.id, username: u.username, is_premium: true, is_staff: false });
    expect((await api.get('/api/me/', u.access)).body.is_premium).toBe(true);
    const refreshed = await api.post('/api/token/refresh/', { refresh: u.refresh });
    expect(decodeJwt(refreshed.body.access).is_premium).toBe(true);
    // A user made staff by one request, then demoted, loses access even with the old token.
    const promoted = await api.patch(`/api/admin/users/${u.id}/`, { is_staff: true }, staff);
    expect(promoted.body.is_staff).toBe(true);
    const asStaff = (await api.post('/api/login/', { username: u.username, password: u.password })).body
      .access;
    expect((await api.get('/api/admin/users/', asStaff)).status).toBe(200);
    await api.patch(`/api/admin/users/${u.id}/`, { is_staff: false }, staff);
    expect((await api.get('/api/admin/users/', asStaff)).status).toBe(403);
  });

  it('[ACC-16] bad bodies, unknown ids and superuser protection', async () => {
    const staff = await staffToken();
    const u = await api.signUp();
    const bad = await api.patch(`/api/admin/users/${u.id}/`, { is_premium: 'yes', is_staff: null }, staff);
    expect(bad).toMatchObject({
      status: 400,
      body: { is_premium: ['Must be a valid boolean.'], is_staff: ['This field may not be null.'] },
    });
    expect((await api.patch('/api/admin/users/not-a-uuid/', { is_premium: true }, staff)).status).toBe(404);
    expect(
      (await api.patch(`/api/admin/users/00000000-0000-4000-8000-000000000000/`, {}, staff)).status,
    ).toBe(404);
    const superName = api.unique('root');
    const root = await createUser(server.ctx.database.db, {
      username: superName,
      isStaff: true,
      isSuperuser: true,
    });
    expect((await api.patch(`/api/admin/users/${root.id}/`, { is_staff: false }, staff)).status).toBe(403);
    const superToken = await staffToken({ superuser: true });
    expect((await api.patch(`/api/admin/users/${root.id}/`, { is_premium: true }, superToken)).status).toBe(
      200,
    );
  });

  it('[ACC-16] the list is paginated by 20 and searchable', async () => {
    const staff = await staffToken();
    const tag = api.unique('pg');
    for (let i = 0; i < 23; i++) {
      await createUser(server.ctx.database.db, { username: `${tag}_${i}`, email: `${tag}.${i}@example.com` });
    }
    const first = await api.get(`/api/admin/users/?search=${tag.toUpperCase()}`, staff);
    expect(first.status).toBe(200);
    expect(first.body.count).toBe(23);
    expect(first.body.results).toHaveLength(20);
    expect(first.body.previous).toBeNull();
    expect(first.body.next).toMatch(/\/api\/admin\/users\/\?search=.+&page=2$/);
    const second = await api.get(`/api/admin/users/?search=${tag}&page=2`, staff);
    expect(second.body.results).toHaveLength(3);
    expect(second.body.next).toBeNull();
    expect(second.body.previous).not.toContain('page=');
    expect(second.body.results[0]).toHaveProperty('is_superuser', false);
    expect((await api.get(`/api/admin/users/?search=${tag}&page=3`, staff)).status).toBe(404);
    expect((await api.get(`/api/admin/users/?page=abc`, staff)).body).toEqual({ detail: 'Invalid page.' });
    expect((await api.get(`/api/admin/users/?search=%25_`, staff)).status).toBe(200);
  });
});

describe('CLI services', () => {
  it('[ACC-17] ensureDemoUser is idempotent and testuser/testuser can log in', async () => {
    const db = server.ctx.database.db;
    const first = await ensureDemoUser(db);
    expect(await ensureDemoUser(db)).toBe(false);
    expect(typeof first).toBe('boolean');
    const demo = await findUserByUsername(db, 'testuser');
    expect(demo?.email).toBe('testuser@example.com');
    expect((await api.post('/api/login/', { username: 'testuser', password: 'testuser' })).status).toBe(200);
  });

  it('[ACC-17] createUser validates and reports field errors', async () => {
    const db = server.ctx.database.db;
    await expect(createUser(db, { username: 'bad name' })).rejects.toMatchObject({ status: 400 });
    const name = api.unique('cli');
    const user = await createUser(db, {
      username: name,
      displayName: 'Admin',
      isStaff: true,
      isSuperuser: true,
    });
    expect(user).toMatchObject({
      displayName: 'Admin',
      isStaff: true,
      isSuperuser: true,
      passwordHash: null,
    });
    await expect(createUser(db, { username: name.toUpperCase() })).rejects.toMatchObject({
      body: { username: ['A user with that username already exists.'] },
    });
  });
});

describe('Wiperino user authentication tests (ported)', () => {
  it('[ACC-1] register -> 201', async () => {
    const res = await api.post('/api/register/', {
      username: 'newuser',
      email: 'newuser@example.com',
      password: 'newpassword',
      password2: 'newpassword',
    });
    expect(res.status).toBe(201);
  });

  it('[ACC-2] password mismatch -> 400', async () => {
    const res = await api.post('/api/register/', {
      username: 'mismatch',
      email: 'mismatch@example.com',
      password: 'a1',
      password2: 'a2',
    });
    expect(res.status).toBe(400);
  });

  it('[ACC-3] duplicate email -> 400', async () => {
    const res = await api.post('/api/register/', {
      username: 'another',
      email: 'newuser@example.com',
      password: 'x',
      password2: 'x',
    });
    expect(res).toMatchObject({ status: 400, body: { email: ['Email already exists.'] } });
  });

  it('[ACC-6] login returns access and refresh; [ACC-9] refresh returns access', async () => {
    const login = await api.post('/api/login/', { username: 'newuser', password: 'newpassword' });
    expect(login.body).toHaveProperty('access');
    expect(login.body).toHaveProperty('refresh');
    const refresh = await api.post('/api/token/refresh/', { refresh: login.body.refresh });
    expect(refresh.body).toHaveProperty('access');
  });

  it('[ACC-7] bad login -> 401; [ACC-12] protected route without credentials -> 401', async () => {
    expect((await api.post('/api/login/', { username: 'newuser', password: 'nope' })).status).toBe(401);
    expect((await api.get('/api/me/')).status).toBe(401);
  });
});

describe('throttling', () => {
  let limited: TestServer;
  const limitedApi = client(() => limited);

  beforeAll(async () => {
    limited = await startTestServer({
      listen: false,
      config: { dataDir, loginMaxPerIp: 5, loginMaxPerAccount: 3, loginWindowSeconds: 60 },
    });
  });
  afterAll(async () => {
    await limited.close();
  });

  it('[ACC-8] an account is locked after its failures, even for the right password', async () => {
    const u = await limitedApi.signUp();
    for (let i = 0; i < 3; i++) {
      const res = await limitedApi.post(
        '/api/login/',
        { username: u.username, password: 'wrong' },
        undefined,
        `10.0.0.${i + 1}`,
      );
      expect(res.status).toBe(401);
    }
    const locked = await limitedApi.post(
      '/api/login/',
      { email: u.email, password: u.password },
      undefined,
      '10.0.1.1',
    );
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(locked.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(locked.body).toMatchObject({ code: 'throttled' });
  });

  it('[ACC-8] a success clears the account count', async () => {
    const u = await limitedApi.signUp();
    const ip = '10.0.2.1';
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 2; i++) {
        expect(
          (
            await limitedApi.post(
              '/api/login/',
              { username: u.username, password: 'x' },
              undefined,
              `10.0.3.${round * 2 + i}`,
            )
          ).status,
        ).toBe(401);
      }
      expect(
        (await limitedApi.post('/api/login/', { username: u.username, password: u.password }, undefined, ip))
          .status,
      ).toBe(200);
    }
  });

  it('[ACC-8] an IP is limited across accounts', async () => {
    const ip = '10.0.4.1';
    for (let i = 0; i < 5; i++) {
      const res = await limitedApi.post(
        '/api/login/',
        { username: `ghost${i}`, password: 'x' },
        undefined,
        ip,
      );
      expect(res.status).toBe(401);
    }
    const u = await limitedApi.signUp();
    const blocked = await limitedApi.post(
      '/api/auth/login/',
      { username: u.username, password: u.password },
      undefined,
      ip,
    );
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    const elsewhere = await limitedApi.post(
      '/api/auth/login/',
      { username: u.username, password: u.password },
      undefined,
      '10.0.4.2',
    );
    expect(elsewhere.status).toBe(200);
  });
});

describe.skipIf(!postgresUrl)('core flows on PostgreSQL', () => {
  let pgServer: TestServer;
  let pgDatabase: Database;
  let pgDataDir: string;

  beforeAll(async () => {
    pgDataDir = mkdtempSync(path.join(os.tmpdir(), 'roomful-accounts-pg-'));
    pgDatabase = await postgresTestDatabase();
    pgServer = await startTestServer({ listen: false, database: pgDatabase, config: { dataDir: pgDataDir } });
  });
  afterAll(async () => {
    await pgServer?.close();
    await pgDatabase?.close();
    rmSync(pgDataDir, { recursive: true, force: true });
  });

  coreFlows(
    () => pgServer,
    () => pgDataDir,
  );
});
