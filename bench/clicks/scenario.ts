/**
 * Scenario `clicks`: a click storm. N Socket.IO 4 clients (websocket) connect to the click wall;
 * for a bounded time, clicks are sent at an offered rate spread over the clients; every click is
 * stored (batched transaction) and then broadcast to all N. Reports clicks stored per second
 * (sustained, from the durable counter), deliveries and delivery latency (send -> receive, both in
 * this process, so it includes the write batch interval), and the server's CPU time.
 */
import { fileURLToPath } from 'node:url';
import { io, type Socket } from 'socket.io-client';
import { startServerChild } from '../lib/child.js';
import { envNumber } from '../lib/env.js';
import type { Scenario, ScenarioResult } from '../lib/scenario.js';
import { cell, markdownTable, percentiles, round } from '../lib/stats.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function connectAll(url: string, count: number, batch: number): Promise<Socket[]> {
  const sockets: Socket[] = [];
  for (let i = 0; i < count; i += batch) {
    const group = Array.from({ length: Math.min(batch, count - i) }, () => {
      const socket = io(url, {
        path: '/api/socket.io',
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      sockets.push(socket);
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('client did not get stats within 30 s')), 30_000);
        socket.once('stats', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    });
    await Promise.all(group);
  }
  return sockets;
}

async function run(log: (line: string) => void): Promise<ScenarioResult> {
  const clients = envNumber('CLICKS_CLIENTS', 1000, 2);
  const rate = envNumber('CLICKS_RATE', 40, 1);
  const seconds = envNumber('CLICKS_SECONDS', 8, 1);
  const drainSeconds = envNumber('CLICKS_DRAIN_SECONDS', 20, 1);
  const child = await startServerChild(fileURLToPath(new URL('server.ts', import.meta.url)));
  const base = `http://127.0.0.1:${child.port}`;
  let sockets: Socket[] = [];
  try {
    log(`  Roomful: listening on ${child.port}; connecting ${clients} clients`);
    sockets = await connectAll(base, clients, 100);
    const total = Math.round(rate * seconds);
    const expected = total * clients;
    const latencies = new Float64Array(expected);
    let delivered = 0;
    let lastDelivery = 0;
    for (const socket of sockets) {
      socket.on('click', (click: { comment: string | null }) => {
        const sent = Number(click.comment);
        if (!Number.isFinite(sent)) return;
        const now = performance.now();
        if (delivered < expected) latencies[delivered] = now - sent;
        delivered += 1;
        lastDelivery = now;
      });
    }
    const statsBefore = (await (await fetch(`${base}/api/current_stats`)).json()) as {
      click_count_total: number;
    };
    const before = await child.cpu();
    const clientBefore = process.cpuUsage();
    const started = performance.now();
    log(`  Roomful: ${clients} clients ready; offering ${rate} clicks/s for ${seconds} s`);
    // Send in 10 ms ticks so the offered rate is smooth; each click comes from the next client.
    let sent = 0;
    while (sent < total && performance.now() - started < seconds * 1000 + 5000) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent += 1) {
        sockets[sent % clients]!.emit('click', {
          user: `c${sent % clients}`,
          comment: String(performance.now()),
        });
      }
      await sleep(10);
    }
    const sendEnded = performance.now();
    const drainDeadline = sendEnded + drainSeconds * 1000;
    while (delivered < sent * clients && performance.now() < drainDeadline) await sleep(50);
    const after = await child.cpu();
    const clientCpu = process.cpuUsage(clientBefore);
    const statsAfter = (await (await fetch(`${base}/api/current_stats`)).json()) as {
      click_count_total: number;
    };
    const stored = statsAfter.click_count_total - statsBefore.click_count_total;
    const windowSeconds = (Math.max(lastDelivery, sendEnded) - started) / 1000;
    const cpuSeconds = (after.user - before.user + after.system - before.system) / 1e6;
    const [p50 = NaN, p99 = NaN, max = NaN] = percentiles(
      latencies,
      Math.min(delivered, expected),
      [50, 99, 100],
    );
    const row = {
      server: 'Roomful',
      clients,
      clicksSent: sent,
      clicksStored: stored,
      storedPerSecond: round(stored / windowSeconds, 1),
      deliveries: delivered,
      expected: sent * clients,
      deliveredPercent: round((100 * delivered) / Math.max(1, sent * clients), 2),
      latencyP50Ms: round(p50, 1),
      latencyP99Ms: round(p99, 1),
      latencyMaxMs: round(max, 1),
      serverCpuSeconds: round(cpuSeconds, 2),
      deliveriesPerCpuSecond: Math.round(delivered / cpuSeconds),
      serverMaxStallMs: round(after.maxStallMs, 1),
      clientCpuSeconds: round((clientCpu.user + clientCpu.system) / 1e6, 2),
      windowSeconds: round(windowSeconds, 2),
    };
    log(
      `  Roomful: stored ${stored}/${sent} clicks, ${delivered}/${row.expected} deliveries in ${row.windowSeconds} s`,
    );
    const table = markdownTable(
      ['server', 'clicks stored/s', 'delivered %', 'p50 ms', 'p99 ms', 'max ms', 'deliveries per CPU-s'],
      [
        [
          row.server,
          cell(row.storedPerSecond),
          cell(row.deliveredPercent),
          cell(row.latencyP50Ms),
          cell(row.latencyP99Ms),
          cell(row.latencyMaxMs),
          cell(row.deliveriesPerCpuSecond, 0),
        ],
      ],
    );
    const markdown = [
      `### Click storm: ${clients} Socket.IO clients, ${rate} clicks/s offered for ${seconds} s`,
      '',
      table,
      '',
      `Latency is send -> receive and includes the write batch (CLICKS_BATCH_MS, default 50 ms): a click is`,
      `broadcast only once stored. Server CPU ${row.serverCpuSeconds} s, longest loop stall ${row.serverMaxStallMs} ms;`,
      `load client CPU ${row.clientCpuSeconds} s over a ${row.windowSeconds} s window (when it nears the window, the`,
      `client, not the server, sets the latency).`,
    ].join('\n');
    return {
      name: 'clicks',
      title: 'Click storm',
      params: { clients, rate, seconds },
      rows: [row],
      markdown,
    };
  } finally {
    for (const socket of sockets) socket.close();
    await child.stop();
  }
}

export const clicks: Scenario = {
  name: 'clicks',
  title: 'Click storm',
  description: '1,000 Socket.IO clients clicking: clicks stored per second and delivery p99',
  run,
};
