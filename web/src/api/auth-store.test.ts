import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeJwt } from '../test-support/jwt.js';
import { AuthStore, type StorageLike } from './auth-store.js';
import { ApiError } from './errors.js';
import type { FetchLike } from './http.js';

class MemoryStorage implements StorageLike {
  readonly data = new Map<string, string>();
  getItem(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.data.set(key, value);
  }
  removeItem(key: string): void {
    this.data.delete(key);
  }
}

interface Call {
  path: string;
  method: string;
  auth: string | null;
  body: unknown;
}

type Handler = (call: Call) => { status: number; body?: unknown } | undefined;

function fakeServer(handler: Handler) {
  const calls: Call[] = [];
  const fetchImpl: FetchLike = async (path, init) => {
    const headers = init.headers as Record<string, string>;
    const call: Call = {
      path,
      method: init.method ?? 'GET',
      auth: headers.Authorization ?? null,
      body: typeof init.body === 'string' ? JSON.parse(init.body) : null,
    };
    calls.push(call);
    const answer = handler(call) ?? { status: 404, body: { detail: 'Not found.' } };
    return new Response(answer.body === undefined ? null : JSON.stringify(answer.body), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  };
  return { calls, fetchImpl };
}

const NOW = 1_700_000_000_000;
const sec = (ms: number) => Math.floor(ms / 1000);

function access(user = 'ada', lifetimeS = 300, issuedAt = NOW): string {
  return fakeJwt({
    token_type: 'access',
    sub: `id-${user}`,
    user_id: `id-${user}`,
    username: user,
    display_name: user.toUpperCase(),
    iat: sec(issuedAt),
    exp: sec(issuedAt) + lifetimeS,
  });
}

function refresh(lifetimeS = 86_400, issuedAt = NOW): string {
  return fakeJwt({
    token_type: 'refresh',
    iat: sec(issuedAt),
    exp: sec(issuedAt) + lifetimeS,
    jti: Math.random(),
  });
}

const me = (user: string) => ({
  id: `id-${user}`,
  username: user,
  email: `${user}@example.com`,
  display_name: user.toUpperCase(),
  is_premium: false,
  is_staff: false,
  is_guest: false,
  created_at: '2025-01-01T00:00:00Z',
});

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
});

afterEach(() => {
  vi.useRealTimers();
});

describe('AuthStore', () => {
  it('signs in by username, stores both tokens where Wiperino reads them, and loads /api/me/', async () => {
    const storage = new MemoryStorage();
    const tokens = { access: access(), refresh: refresh() };
    const { calls, fetchImpl } = fakeServer((call) => {
      if (call.path === '/api/login/')
        return { status: 200, body: { ...tokens, access_token: tokens.access } };
      if (call.path === '/api/me/') return { status: 200, body: me('ada') };
      return undefined;
    });
    const store = new AuthStore({ storage, fetch: fetchImpl });
    const user = await store.login(' ada ', 'pw');
    expect(calls[0]).toMatchObject({
      path: '/api/login/',
      method: 'POST',
      body: { username: 'ada', password: 'pw' },
    });
    expect(calls[1]).toMatchObject({ path: '/api/me/', method: 'GET', auth: `Bearer ${tokens.access}` });
    expect(storage.getItem('access')).toBe(tokens.access);
    expect(storage.getItem('refresh')).toBe(tokens.refresh);
    expect(user.email).toBe('ada@example.com');
    expect(store.state.user?.display_name).toBe('ADA');
  });

  it('signs in by email when the name contains @', async () => {
    const { calls, fetchImpl } = fakeServer((call) =>
      call.path === '/api/login/'
        ? { status: 200, body: { access: access(), refresh: refresh() } }
        : { status: 200, body: me('ada') },
    );
    await new AuthStore({ storage: new MemoryStorage(), fetch: fetchImpl }).login('ada@example.com', 'pw');
    expect(calls[0]?.body).toEqual({ email: 'ada@example.com', password: 'pw' });
  });

  it('reports bad credentials as an ApiError with the server message', async () => {
    const { fetchImpl } = fakeServer(() => ({
      status: 401,
      body: { detail: 'No active account found with the given credentials' },
    }));
    const store = new AuthStore({ storage: new MemoryStorage(), fetch: fetchImpl });
    const error = await store.login('ada', 'bad').catch((err: unknown) => err);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toBe('No active account found with the given credentials');
    expect(store.state.user).toBeNull();
  });

  it('registers then signs in automatically', async () => {
    const { calls, fetchImpl } = fakeServer((call) => {
      if (call.path === '/api/register/')
        return { status: 201, body: { username: 'bob', email: 'bob@example.com' } };
      if (call.path === '/api/login/')
        return { status: 200, body: { access: access('bob'), refresh: refresh() } };
      return { status: 200, body: me('bob') };
    });
    const store = new AuthStore({ storage: new MemoryStorage(), fetch: fetchImpl });
    await store.register({ username: 'bob', email: 'bob@example.com', password: 'pw', password2: 'pw' });
    expect(calls.map((c) => c.path)).toEqual(['/api/register/', '/api/login/', '/api/me/']);
    expect(store.state.user?.username).toBe('bob');
  });

  it('refreshes a minute before the access token expires and keeps the refresh token when none comes back', async () => {
    const storage = new MemoryStorage();
    const firstRefresh = refresh();
    storage.setItem('access', access());
    storage.setItem('refresh', firstRefresh);
    const renewed = access('ada', 300, NOW + 240_000);
    const { calls, fetchImpl } = fakeServer((call) => {
      if (call.path === '/api/token/refresh/') return { status: 200, body: { access: renewed } };
      return { status: 200, body: me('ada') };
    });
    const store = new AuthStore({ storage, fetch: fetchImpl });
    await store.start();
    expect(store.state).toMatchObject({ ready: true, user: { username: 'ada', email: 'ada@example.com' } });
    await vi.advanceTimersByTimeAsync(239_000);
    expect(calls.filter((c) => c.path === '/api/token/refresh/')).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls.filter((c) => c.path === '/api/token/refresh/')).toEqual([
      expect.objectContaining({ body: { refresh: firstRefresh } }),
    ]);
    expect(storage.getItem('access')).toBe(renewed);
    expect(storage.getItem('refresh')).toBe(firstRefresh);
    // The profile fields from /api/me/ survive the refresh.
    expect(store.state.user?.email).toBe('ada@example.com');
    store.stop();
  });

  it('refreshes an expired access token at start-up', async () => {
    const storage = new MemoryStorage();
    storage.setItem('access', access('ada', 300, NOW - 600_000));
    storage.setItem('refresh', refresh());
    const { calls, fetchImpl } = fakeServer((call) =>
      call.path === '/api/token/refresh/'
        ? { status: 200, body: { access: access(), refresh: refresh() } }
        : { status: 200, body: me('ada') },
    );
    const store = new AuthStore({ storage, fetch: fetchImpl });
    await store.start();
    expect(calls.map((c) => c.path)).toEqual(['/api/token/refresh/', '/api/me/']);
    expect(store.state.user?.username).toBe('ada');
    store.stop();
  });

  it('drops tokens that are all expired, without calling the server', async () => {
    const storage = new MemoryStorage();
    storage.setItem('access', access('ada', 300, NOW - 600_000));
    storage.setItem('refresh', refresh(60, NOW - 600_000));
    const { calls, fetchImpl } = fakeServer(() => undefined);
    const store = new AuthStore({ storage, fetch: fetchImpl });
    await store.start();
    expect(calls).toEqual([]);
    expect(storage.data.size).toBe(0);
    expect(store.state).toEqual({ user: null, ready: true });
  });

  it('on a 401 refreshes once and retries the request', async () => {
    const storage = new MemoryStorage();
    const stale = access();
    const fresh = access('ada', 300, NOW + 5_000);
    storage.setItem('access', stale);
    storage.setItem('refresh', refresh());
    const { calls, fetchImpl } = fakeServer((call) => {
      if (call.path === '/api/token/refresh/') return { status: 200, body: { access: fresh } };
      if (call.auth === `Bearer ${fresh}`) return { status: 200, body: { ok: true } };
      return { status: 401, body: { detail: 'Token is invalid or expired' } };
    });
    const store = new AuthStore({ storage, fetch: fetchImpl });
    await expect(store.request('/api/runs/')).resolves.toEqual({ ok: true });
    expect(calls.map((c) => c.path)).toEqual(['/api/runs/', '/api/token/refresh/', '/api/runs/']);
  });

  it('a refused refresh signs out', async () => {
    const storage = new MemoryStorage();
    storage.setItem('access', access());
    storage.setItem('refresh', refresh());
    const { calls, fetchImpl } = fakeServer((call) =>
      call.path === '/api/token/refresh/'
        ? { status: 401, body: { detail: 'Token is blacklisted' } }
        : { status: 401, body: { detail: 'Token is invalid or expired' } },
    );
    const store = new AuthStore({ storage, fetch: fetchImpl });
    const error = await store.request('/api/runs/').catch((err: unknown) => err);
    expect((error as ApiError).status).toBe(401);
    expect(calls.map((c) => c.path)).toEqual(['/api/runs/', '/api/token/refresh/']);
    expect(storage.data.size).toBe(0);
    expect(store.state.user).toBeNull();
  });

  it('concurrent callers share one refresh request', async () => {
    const storage = new MemoryStorage();
    storage.setItem('refresh', refresh());
    const { calls, fetchImpl } = fakeServer((call) =>
      call.path === '/api/token/refresh/' ? { status: 200, body: { access: access() } } : undefined,
    );
    const store = new AuthStore({ storage, fetch: fetchImpl });
    const tokens = await Promise.all([store.accessToken(), store.accessToken(), store.accessToken()]);
    expect(new Set(tokens).size).toBe(1);
    expect(calls).toHaveLength(1);
    store.stop();
  });

  it('signs out: POSTs /api/auth/logout/ with the Bearer token and clears storage, even when the server fails', async () => {
    const storage = new MemoryStorage();
    const token = access();
    const refreshToken = refresh();
    storage.setItem('access', token);
    storage.setItem('refresh', refreshToken);
    const { calls, fetchImpl } = fakeServer(() => ({ status: 500 }));
    const store = new AuthStore({ storage, fetch: fetchImpl });
    await store.logout();
    expect(calls).toEqual([
      { path: '/api/auth/logout/', method: 'POST', auth: `Bearer ${token}`, body: { refresh: refreshToken } },
    ]);
    expect(storage.data.size).toBe(0);
    expect(store.state.user).toBeNull();
  });

  it('follows another tab signing in and out through storage events', async () => {
    const storage = new MemoryStorage();
    const target = new EventTarget();
    const { fetchImpl } = fakeServer(() => ({ status: 200, body: me('eve') }));
    const events = target as unknown as Pick<Window, 'addEventListener' | 'removeEventListener'>;
    const store = new AuthStore({ storage, fetch: fetchImpl, events });
    await store.start();
    expect(store.state.user).toBeNull();
    storage.setItem('access', access('eve'));
    target.dispatchEvent(Object.assign(new Event('storage'), { key: 'access' }));
    expect(store.state.user?.username).toBe('eve');
    storage.removeItem('access');
    target.dispatchEvent(Object.assign(new Event('storage'), { key: 'access' }));
    expect(store.state.user).toBeNull();
    store.stop();
  });
});
