/**
 * [SRV-*] The HTTP shell every module relies on: JSON errors everywhere, health, readiness,
 * metrics, OpenAPI docs, the stored JWT secret, config validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConfig, ConfigError, loadConfig } from '../../src/server/config.js';
import { pgliteTestDatabase } from '../helpers/database.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ listen: false, config: { bodyLimit: 2048 } });
});
afterAll(async () => {
  await server.close();
});

describe('HTTP errors', () => {
  it('[SRV-1] unknown paths answer 404 JSON', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/nope/' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    expect(res.json()).toEqual({ detail: 'Not found.', code: 'not_found' });
  });

  it('[SRV-2] a known path with another method answers 405 JSON with Allow', async () => {
    const res = await server.app.inject({ method: 'DELETE', url: '/api/health/' });
    expect(res.statusCode).toBe(405);
    expect(res.headers.allow).toContain('GET');
    expect(res.json()).toMatchObject({ code: 'method_not_allowed' });
  });

  it('[SRV-3] bad JSON answers 400 JSON', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/login/',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'parse_error' });
  });

  it('[SRV-4] an oversized body answers 413 JSON', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/login/',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username: 'x'.repeat(5000), password: 'y' }),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'body_too_large' });
  });

  it('[SRV-5] an unsupported content type answers 415 JSON', async () => {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/login/',
      headers: { 'content-type': 'application/xml' },
      payload: '<a/>',
    });
    expect(res.statusCode).toBe(415);
    expect(res.json()).toMatchObject({ code: 'unsupported_media_type' });
  });

  it('[SRV-6] trailing slashes are optional', async () => {
    expect((await server.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
  });
});

describe('operations routes', () => {
  it("[SRV-10] /api/health/ answers SyncPlay's shape", async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/health/' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toEqual({ status: 'healthy', timestamp: expect.any(String), version: expect.any(String) });
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
  });

  it('[SRV-11] /api/ready/ checks the database (and says Redis is not configured)', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/api/ready/' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ready', checks: { database: 'ok', redis: 'not configured' } });
  });

  it('[SRV-12] /api/ready/ answers 503 when the database is down', async () => {
    const database = await pgliteTestDatabase();
    const other = await startTestServer({ listen: false, database, keepDatabase: true });
    await database.close();
    const res = await other.app.inject({ method: 'GET', url: '/api/ready/' });
    expect(res.statusCode).toBe(503);
    expect(res.json().checks.database).toMatch(/^error/);
    await other.app.close();
  });

  it('[SRV-13] /metrics exposes Prometheus text with request counters', async () => {
    await server.app.inject({ method: 'GET', url: '/api/health/' });
    const res = await server.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.body).toContain('roomful_http_requests_total{method="GET",route="/api/health/",status="200"}');
    expect(res.body).toContain('roomful_ws_connections');
  });

  it('[SRV-14] /docs serves OpenAPI documenting every HTTP route', async () => {
    const res = await server.app.inject({ method: 'GET', url: '/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths as Record<string, unknown>);
    for (const route of [
      '/api/health/',
      '/api/ready/',
      '/metrics',
      '/api/login/',
      '/api/register/',
      '/api/me/',
    ]) {
      expect(paths).toContain(route);
    }
    expect(paths.some((p) => p.startsWith('/ws/'))).toBe(false);
    const ui = await server.app.inject({ method: 'GET', url: '/docs/' });
    expect(ui.statusCode).toBe(200);
  });
});

describe('JWT secret', () => {
  it('[SRV-20] without JWT_SECRET a secret is generated once and shared by every app on the database', async () => {
    const database = await pgliteTestDatabase();
    const a = await startTestServer({
      listen: false,
      database,
      keepDatabase: true,
      config: { jwtSecret: undefined },
    });
    const b = await startTestServer({
      listen: false,
      database,
      keepDatabase: true,
      config: { jwtSecret: undefined },
    });
    const user = {
      id: '00000000-0000-4000-8000-000000000002',
      username: 'u',
      displayName: 'U',
      isGuest: false,
      isStaff: false,
      isPremium: false,
    };
    const token = await a.ctx.tokens.issueAccess(user);
    expect(await b.ctx.tokens.verifyAccess(token)).toMatchObject({ id: user.id, username: 'u' });
    expect(await server.ctx.tokens.verifyAccess(token)).toBeNull();
    await a.app.close();
    await b.app.close();
    await database.close();
  });
});

describe('config', () => {
  it('[SRV-30] defaults are the documented ones', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 8000,
      host: '127.0.0.1',
      databaseUrl: undefined,
      redisUrl: undefined,
    });
    expect(config.dataDir.endsWith('/data')).toBe(true);
  });

  it('[SRV-31] bad variables fail start-up with one clear line each', () => {
    expect(() => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' })).toThrow(
      ConfigError,
    );
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', JWT_SECRET: 'short' });
    } catch (err) {
      const message = (err as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL: must start with postgres://');
      expect(message).toContain('JWT_SECRET: must be at least 32 characters');
    }
  });

  it('[SRV-32] lists and flags parse', () => {
    const config = loadConfig({ CORS_ORIGINS: 'https://a.example, https://b.example', TRUST_PROXY: 'true' });
    expect(config.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
    expect(config.trustProxy).toBe(true);
    expect(buildConfig({ port: 1 }).port).toBe(1);
  });
});
