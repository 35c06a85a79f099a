/**
 * [RUNS-15] [RUNS-17] The run actions on PostgreSQL, where transactions really run concurrently:
 * increments from two sockets and REST at once lose nothing, and undo restores exact counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/storage/database.js';
import { postgresTestDatabase } from '../helpers/database.js';
import { postgresUrl } from '../helpers/services.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { connect } from '../helpers/ws-client.js';
import { call, makeRun, makeUser, makeWipe, type Json } from './runs-helpers.js';

describe.skipIf(!postgresUrl)('runs on PostgreSQL', () => {
  let database: Database;
  let server: TestServer;

  beforeAll(async () => {
    database = await postgresTestDatabase();
    server = await startTestServer({ database });
  });
  afterAll(async () => {
    await server?.close();
    await database?.close();
  });

  it('[RUNS-15] 2 sockets + REST control route, 60 concurrent +1: exactly 60; undo gives 59', async () => {
    const owner = await makeUser(server.app, 'pg');
    const run = await makeRun(server.app, owner);
    const seg = await makeWipe(server.app, owner, run.id as number);
    const token = (await call(server.app, 'POST', `/api/runs/${run.id}/control-token/`, owner)).body
      .token as string;
    const a = await connect(`${server.wsUrl}/ws/runs/${run.id}/?token=${owner.token}`);
    const b = await connect(`${server.wsUrl}/ws/runs/${run.id}/?token=${owner.token}`);
    const rest: Promise<unknown>[] = [];
    for (let i = 0; i < 20; i += 1) {
      a.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc' });
      b.send({ type: 'wipe_update', segment_id: seg.id, op: 'inc' });
      rest.push(call(server.app, 'POST', `/api/control/${token}/wipe/`));
    }
    await Promise.all(rest);
    await a.next((f: Json) => f.type === 'wipe_update' && f.count === 60, 20_000);
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.count,
    ).toBe(60);
    a.send({ type: 'undo' });
    await a.next((f: Json) => f.type === 'snapshot');
    expect(
      (await call(server.app, 'GET', `/api/runs/${run.id}/wipecounters/${seg.id}/`, owner)).body.count,
    ).toBe(59);
    a.close();
    b.close();
  });
});
