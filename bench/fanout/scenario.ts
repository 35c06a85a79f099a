/**
 * Scenario `fanout`: one room, N sockets, one sender, ~100-byte messages. Three servers run one
 * after another, each in its own child process so its CPU time is its own: Roomful (real app,
 * gateway + hub), a naive raw `ws` server, and Socket.IO 4. The headline number is deliveries per
 * server CPU-second, compared as a ratio against raw ws measured in the same run.
 */
import { fileURLToPath } from 'node:url';
import { startServerChild } from '../lib/child.js';
import { envList, envNumber } from '../lib/env.js';
import type { CpuSample } from '../lib/ipc.js';
import type { Scenario, ScenarioResult } from '../lib/scenario.js';
import { cell, markdownTable, percentiles, round } from '../lib/stats.js';
import { plainDialect, socketIoDialect, type Dialect } from './dialects.js';
import { FanoutClients, type LoadPlan } from './load-client.js';

interface ServerUnderTest {
  key: string;
  name: string;
  file: string;
  dialect: Dialect;
}

const servers: ServerUnderTest[] = [
  { key: 'roomful', name: 'Roomful', file: 'roomful-server.ts', dialect: plainDialect('/ws/bench/') },
  { key: 'raw-ws', name: 'raw ws', file: 'raw-ws-server.ts', dialect: plainDialect('/') },
  { key: 'socketio', name: 'Socket.IO', file: 'socketio-server.ts', dialect: socketIoDialect },
];

export interface FanoutRow {
  server: string;
  deliveries: number;
  expected: number;
  sent: number;
  serverCpuSeconds: number;
  deliveriesPerCpuSecond: number;
  ratioVsRawWs: number | null;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  deliveredPercent: number;
  windowSeconds: number;
  clientCpuSeconds: number;
  serverRssMb: number;
  /** Longest server event-loop stall during the window. */
  serverMaxStallMs: number;
  /** Client sockets the server closed during the run, by close code. */
  clientsClosed: Record<string, number>;
  error?: string;
}

function plan(): LoadPlan {
  return {
    clients: envNumber('FANOUT_CLIENTS', 1000, 2),
    connectBatch: envNumber('FANOUT_CONNECT_BATCH', 100, 1),
    messages: envNumber('FANOUT_MESSAGES', 2000, 1),
    burst: envNumber('FANOUT_BURST', 20, 1),
    intervalMs: envNumber('FANOUT_INTERVAL_MS', 100, 1),
    maxSendSeconds: envNumber('FANOUT_MAX_SEND_SECONDS', 15, 1),
    drainSeconds: envNumber('FANOUT_DRAIN_SECONDS', 30, 1),
    warmupMessages: envNumber('FANOUT_WARMUP_MESSAGES', 40, 0),
    messageBytes: 100,
  };
}

async function measure(
  server: ServerUnderTest,
  load: LoadPlan,
  log: (line: string) => void,
): Promise<FanoutRow> {
  const started = Date.now();
  const child = await startServerChild(fileURLToPath(new URL(server.file, import.meta.url)));
  const clients = new FanoutClients(
    `ws://127.0.0.1:${child.port}${server.dialect.path}`,
    server.dialect,
    load,
  );
  try {
    log(
      `  ${server.name}: listening on ${child.port} after ${Date.now() - started} ms; connecting ${load.clients} clients`,
    );
    await clients.connect();
    log(`  ${server.name}: ${load.clients} clients ready; sending`);
    let before: CpuSample | undefined;
    let after: CpuSample | undefined;
    const result = await clients.run({
      start: async () => {
        before = await child.cpu();
      },
      end: async () => {
        after = await child.cpu();
      },
    });
    if (!before || !after) throw new Error('no CPU samples');
    const cpuSeconds = (after.user - before.user + after.system - before.system) / 1e6;
    const [p50 = NaN, p99 = NaN, max = NaN] = percentiles(result.latencies, result.delivered, [50, 99, 100]);
    const row: FanoutRow = {
      server: server.name,
      deliveries: result.delivered,
      expected: result.expected,
      sent: result.sent,
      serverCpuSeconds: round(cpuSeconds, 3),
      deliveriesPerCpuSecond: Math.round(result.delivered / cpuSeconds),
      ratioVsRawWs: null,
      latencyP50Ms: round(p50, 2),
      latencyP99Ms: round(p99, 2),
      latencyMaxMs: round(max, 2),
      deliveredPercent: round((100 * result.delivered) / result.expected, 2),
      windowSeconds: round(result.windowSeconds, 3),
      clientCpuSeconds: round(result.clientCpuSeconds, 3),
      serverRssMb: Math.round(after.rss / 2 ** 20),
      serverMaxStallMs: round(after.maxStallMs, 1),
      clientsClosed: result.closed,
    };
    log(
      `  ${server.name}: ${row.deliveries}/${row.expected} deliveries in ${row.windowSeconds} s, ` +
        `server CPU ${row.serverCpuSeconds} s (max loop stall ${row.serverMaxStallMs} ms), ` +
        `client CPU ${row.clientCpuSeconds} s`,
    );
    return row;
  } finally {
    await clients.close();
    await child.stop();
  }
}

function failedRow(server: ServerUnderTest, err: unknown): FanoutRow {
  return {
    server: server.name,
    deliveries: 0,
    expected: 0,
    sent: 0,
    serverCpuSeconds: NaN,
    deliveriesPerCpuSecond: NaN,
    ratioVsRawWs: null,
    latencyP50Ms: NaN,
    latencyP99Ms: NaN,
    latencyMaxMs: NaN,
    deliveredPercent: 0,
    windowSeconds: NaN,
    clientCpuSeconds: NaN,
    serverRssMb: NaN,
    serverMaxStallMs: NaN,
    clientsClosed: {},
    error: err instanceof Error ? err.message : String(err),
  };
}

function render(rows: FanoutRow[], load: LoadPlan, rounds: number): string {
  const table = markdownTable(
    [
      'server',
      'deliveries',
      'CPU s',
      'deliveries per CPU-s',
      'ratio vs raw ws',
      'p50 ms',
      'p99 ms',
      'delivered %',
    ],
    rows.map((r) => [
      r.error ? `${r.server} (failed)` : r.server,
      cell(r.deliveries, 0),
      cell(r.serverCpuSeconds, 2),
      cell(r.deliveriesPerCpuSecond, 0),
      r.ratioVsRawWs === null ? '-' : `${cell(r.ratioVsRawWs, 2)}x`,
      cell(r.latencyP50Ms, 1),
      cell(r.latencyP99Ms, 1),
      cell(r.deliveredPercent, 2),
    ]),
  );
  const roomful = rows.find((r) => r.server === 'Roomful');
  const sio = rows.find((r) => r.server === 'Socket.IO');
  const notes = [
    `Load: ${load.clients} sockets in one room, 1 sender, ${load.messages} messages of ${load.messageBytes} bytes ` +
      `in bursts of ${load.burst} every ${load.intervalMs} ms (offered ${cell((load.burst * 1000 * load.clients) / load.intervalMs, 0)} deliveries/s), ` +
      `after ${load.warmupMessages} warm-up messages. CPU = server child user+sys from first send to last delivery.` +
      (rounds > 1
        ? ` Each server ran ${rounds} rounds; the table shows its median round by deliveries per CPU-s.`
        : ''),
  ];
  if (roomful && sio && !roomful.error && !sio.error) {
    notes.push(
      `Roomful vs Socket.IO: ${cell(roomful.deliveriesPerCpuSecond / sio.deliveriesPerCpuSecond, 2)}x deliveries per CPU-s.`,
    );
  }
  notes.push(
    `Window / load-client CPU / longest server event-loop stall: ${rows
      .filter((r) => !r.error)
      .map(
        (r) =>
          `${r.server} ${cell(r.windowSeconds, 2)} s / ${cell(r.clientCpuSeconds, 2)} s / ${cell(r.serverMaxStallMs, 0)} ms`,
      )
      .join('; ')}.`,
  );
  for (const r of rows) if (r.error) notes.push(`${r.server} failed: ${r.error}`);
  for (const r of rows) {
    const codes = Object.entries(r.clientsClosed);
    if (codes.length > 0) {
      const list = codes.map(([code, n]) => `${n} with code ${code}`).join(', ');
      notes.push(
        `${r.server}: client sockets closed by the server during the run: ${list} (a closed sender ends the sending).`,
      );
    }
  }
  return `${table}\n\n${notes.map((n) => `- ${n}`).join('\n')}`;
}

/** Of several rounds of one server, the one with the median deliveries per CPU-second. */
function medianRow(runs: FanoutRow[]): FanoutRow | undefined {
  const ok = runs.filter((r) => !r.error).sort((a, b) => a.deliveriesPerCpuSecond - b.deliveriesPerCpuSecond);
  return ok[Math.floor((ok.length - 1) / 2)] ?? runs[runs.length - 1];
}

export const fanout: Scenario = {
  name: 'fanout',
  title: 'Gateway fan-out: one room, N sockets, 100-byte messages',
  description: 'Roomful gateway+hub vs naive raw ws vs Socket.IO 4, each server in its own process',
  async run(log): Promise<ScenarioResult> {
    const load = plan();
    const rounds = envNumber('FANOUT_ROUNDS', 1, 1);
    const only = envList('FANOUT_SERVERS');
    const selected = servers.filter((s) => !only || only.includes(s.key));
    const runs = new Map<ServerUnderTest, FanoutRow[]>(selected.map((s) => [s, []]));
    for (let round = 0; round < rounds; round += 1) {
      // Later rounds rotate the order, so no server always runs first (or last) on a noisy machine.
      const order = selected.map((_, i) => selected[(i + round) % selected.length] as ServerUnderTest);
      for (const server of order) {
        log(`fanout: ${server.name}${rounds > 1 ? ` (round ${round + 1} of ${rounds})` : ''}`);
        let row: FanoutRow;
        try {
          row = await measure(server, load, log);
        } catch (err) {
          log(`  ${server.name}: FAILED: ${err instanceof Error ? err.message : String(err)}`);
          row = failedRow(server, err);
        }
        runs.get(server)?.push(row);
      }
    }
    const rows = selected
      .map((s) => medianRow(runs.get(s) ?? []))
      .filter((r): r is FanoutRow => r !== undefined);
    const raw = rows.find((r) => r.server === 'raw ws' && !r.error);
    for (const r of rows) {
      if (raw && !r.error) r.ratioVsRawWs = round(r.deliveriesPerCpuSecond / raw.deliveriesPerCpuSecond, 2);
    }
    const title = `Gateway fan-out: one room, ${cell(load.clients, 0)} sockets, ${load.messageBytes}-byte messages`;
    return {
      name: 'fanout',
      title,
      params: { ...load, rounds },
      rows: rows.map((r) => ({ ...r })),
      rounds: rounds > 1 ? Object.fromEntries(selected.map((s) => [s.name, runs.get(s) ?? []])) : undefined,
      markdown: render(rows, load, rounds),
    };
  },
};
