/**
 * [ADMIN-13] Fuzzed query strings on every admin list and fuzzed bodies and path ids on every admin
 * action: never a 5xx, always JSON, and a refused request changes nothing (the rooms, lobbies, bans,
 * messages and poll sessions stay, and the audit trail does not grow).
 */
import fc from 'fast-check';
import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminActions } from '../../src/storage/schema/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import {
  http,
  makeLobby,
  makeRoom,
  makeUser,
  roomMessage,
  type Json,
  type Method,
  type TestUser,
} from '../integration/admin-support.js';

let server: TestServer;
let staff: TestUser;
let plain: TestUser;

beforeAll(async () => {
  server = await startTestServer();
  staff = await makeUser(server, { staff: true }, 'staff');
  plain = await makeUser(server, {}, 'plain');
});
afterAll(async () => server?.close());

const auditCount = async () => {
  const [row] = await server.ctx.database.db.select({ n: count() }).from(adminActions);
  return row?.n ?? 0;
};

const LISTS = [
  '/api/admin/rooms/',
  '/api/admin/room-events/',
  '/api/admin/bans/rooms/',
  '/api/admin/bans/lobbies/',
  '/api/admin/lobbies/',
  '/api/admin/lobby-events/',
  '/api/admin/polls/',
  '/api/admin/runs/',
  '/api/admin/audit/',
  '/api/admin/overview/',
];
const KEYS = ['page', 'search', 'state', 'status', 'mode', 'finished', 'room', 'lobby', 'action', 'x'];

/** A raw query string: known and random keys, random (also non-ASCII, NUL, %-garbage) values. */
const queryArb = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 8 })),
      fc.oneof(
        fc.string({ maxLength: 30 }),
        fc.string({ unit: 'binary', maxLength: 30 }),
        fc.integer().map(String),
        fc.constantFrom('%', '%zz', '%00', '1e3', '-1', '99999999999999999999', 'LIVE', 'open', 'true'),
      ),
      fc.boolean(),
    ),
    { maxLength: 5 },
  )
  .map((pairs) =>
    pairs
      .map(
        ([k, v, raw]) => `${encodeURIComponent(k)}=${raw ? v.replace(/[#&\s]/g, '') : encodeURIComponent(v)}`,
      )
      .join('&'),
  );

describe('admin fuzz', () => {
  it('[ADMIN-13] random query strings on every list: never a 5xx, JSON answers, no state change', async () => {
    const before = (await http(server, 'GET', '/api/admin/overview/', undefined, staff.token)).body;
    const audits = await auditCount();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LISTS), queryArb, fc.boolean(), async (path, query, asStaff) => {
        const res = await http(
          server,
          'GET',
          `${path}?${query}`,
          undefined,
          asStaff ? staff.token : plain.token,
        );
        expect(res.status, `${path}?${query}`).toBeLessThan(500);
        expect(res.type).toContain('application/json');
        if (!asStaff) expect(res.status).toBe(403);
      }),
      { numRuns: 300 },
    );
    expect((await http(server, 'GET', '/api/admin/overview/', undefined, staff.token)).body).toEqual(before);
    expect(await auditCount()).toBe(audits);
  }, 60_000);

  it('[ADMIN-13] random bodies and ids on every action: never a 5xx; refused requests change nothing', async () => {
    const owner = await makeUser(server, { premium: true }, 'owner');
    const room = await makeRoom(server, owner);
    const message = await roomMessage(server, room.room_id, owner, 'keep me');
    const lobby = await makeLobby(server, owner);
    const actions: [Method, string][] = [
      ['POST', `/api/admin/rooms/{id}/close/`],
      ['PATCH', `/api/admin/lobbies/{id}/`],
      ['DELETE', `/api/admin/rooms/{id}/messages/{id}/`],
      ['DELETE', `/api/admin/lobbies/{id}/messages/{id}/`],
      ['DELETE', `/api/admin/bans/rooms/{id}/`],
      ['DELETE', `/api/admin/bans/lobbies/{id}/`],
      ['DELETE', `/api/admin/polls/{id}/`],
      ['PATCH', `/api/admin/users/{id}/`],
    ];
    // Bodies that are never valid for the action they are sent to (valid ones would rightly act).
    const badBody = fc.oneof(
      fc.jsonValue().filter((v) => v !== null && (typeof v !== 'object' || Array.isArray(v))),
      fc.record({
        mode: fc.string().filter((s) => s !== 'delete' && s !== 'expire'),
        status: fc.oneof(
          fc.string().filter((s) => !['open', 'in_game', 'closed'].includes(s)),
          fc.integer(),
        ),
        is_premium: fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      }),
      fc.string().map((s) => `{${s}`),
    );
    const idArb = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.integer().map(String),
      fc.uuid(),
      fc.constantFrom('0', '-1', '2147483648', '99999999999', 'ÿ', '..'),
    );
    const audits = await auditCount();
    const snapshot = async () => ({
      room: (await http(server, 'GET', `/api/admin/rooms/?search=${room.code}`, undefined, staff.token)).body
        .results,
      lobby: (await http(server, 'GET', `/api/admin/lobbies/${lobby.id}/messages/`, undefined, staff.token))
        .body,
      messages: (
        await http(server, 'GET', `/api/admin/rooms/${room.room_id}/messages/`, undefined, staff.token)
      ).body,
      lobbyStatus: (
        (
          await http(
            server,
            'GET',
            `/api/admin/lobbies/?search=${encodeURIComponent(String(lobby.name))}`,
            undefined,
            staff.token,
          )
        ).body.results as Json[]
      )[0]?.status,
    });
    const before = await snapshot();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...actions), idArb, badBody, async ([method, path], id, body) => {
        const url = path.replaceAll('{id}', encodeURIComponent(id));
        const res = await http(server, method, url, method === 'DELETE' ? undefined : body, staff.token);
        expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBeLessThan(500);
        expect(res.status).toBeGreaterThanOrEqual(400);
        expect(res.type).toContain('application/json');
      }),
      { numRuns: 300 },
    );
    // Bad bodies against the real room and lobby as well.
    await fc.assert(
      fc.asyncProperty(badBody, async (body) => {
        for (const [method, url] of [
          ['POST', `/api/admin/rooms/${room.room_id}/close/`],
          ['PATCH', `/api/admin/lobbies/${lobby.id}/`],
          ['PATCH', `/api/admin/users/${owner.id}/`],
        ] as [Method, string][]) {
          const res = await http(server, method, url, body, staff.token);
          expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
        }
      }),
      { numRuns: 100 },
    );
    expect(await snapshot()).toEqual(before);
    expect(message.id).toBeTruthy();
    expect(await auditCount()).toBe(audits);
  }, 60_000);
});
