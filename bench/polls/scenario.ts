/**
 * Scenario `polls`: the vote storm. N viewers (1,000 and 10,000) are connected to one poll session
 * with an overlay; all of them vote at once. Measured: the time from the first vote sent to the
 * overlay frame whose tally holds every vote (the number a streamer sees), the time until every
 * viewer had its ballot confirmed, how many tally frames the overlay got (coalescing), and the
 * server's CPU time. Every wait is bounded; loopback only.
 */
import WebSocket from 'ws';
import { startServerChild } from '../lib/child.js';
import { envList, envNumber } from '../lib/env.js';
import type { Scenario, ScenarioResult } from '../lib/scenario.js';
import { cell, markdownTable, round } from '../lib/stats.js';

const CONNECT_BATCH = envNumber('POLLS_CONNECT_BATCH', 200, 1);
const WAIT_SECONDS = envNumber('POLLS_WAIT_SECONDS', 60, 1);

function open(url: string, onFrame: (frame: Record<string, unknown>) => void): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const timer = setTimeout(() => reject(new Error('connect timeout')), 20_000);
    ws.on('message', (data) => onFrame(JSON.parse(data.toString()) as Record<string, unknown>));
    ws.once('open', () => {
      clearTimeout(timer);
      resolve(ws);
    });
    ws.once('error', reject);
  });
}

async function post(url: string, body: unknown): Promise<Record<string, string>> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Record<string, string>;
}

async function storm(viewers: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  const server = await startServerChild(new URL('./server.ts', import.meta.url).pathname);
  const http = `http://127.0.0.1:${server.port}`;
  const ws = `ws://127.0.0.1:${server.port}`;
  const sockets: WebSocket[] = [];
  try {
    const session = await post(`${http}/api/polls/create_session/`, {});
    const tok = (u: string | undefined) => (u ?? '').split('/').pop() ?? '';
    const q = await post(`${http}/api/polls/m/${tok(session.moderator_url)}/`, {
      question: 'Storm?',
      answers: ['a', 'b', 'c', 'd'],
    });
    await post(`${http}/api/polls/m/${tok(session.moderator_url)}/questions/${q.id}/publish/`, {});
    let overlayFrames = 0;
    let allSeenAt = 0;
    let resolveAll: () => void = () => {};
    const allSeen = new Promise<void>((r) => (resolveAll = r));
    sockets.push(
      await open(`${ws}/ws/polls/${tok(session.overlay_url)}/`, (f) => {
        if (f.type !== 'vote') return;
        overlayFrames += 1;
        if (f.total === viewers && !allSeenAt) {
          allSeenAt = performance.now();
          resolveAll();
        }
      }),
    );
    let acked = 0;
    let ackedAt = 0;
    for (let i = 0; i < viewers; i += CONNECT_BATCH) {
      const n = Math.min(CONNECT_BATCH, viewers - i);
      const batch = await Promise.all(
        Array.from({ length: n }, () =>
          open(`${ws}/ws/polls/${tok(session.viewer_url)}/`, (f) => {
            if (f.type === 'ballot' && (acked += 1) === viewers) ackedAt = performance.now();
          }),
        ),
      );
      sockets.push(...batch);
    }
    log(`polls: ${viewers} viewers connected`);
    const cpuBefore = await server.cpu();
    const started = performance.now();
    sockets.slice(1).forEach((s, i) =>
      s.send(
        JSON.stringify({
          type: 'vote',
          question_id: q.id,
          answer: 'abcd'[i % 4],
          voter_id: `bench-voter-${i}`,
        }),
      ),
    );
    await Promise.race([allSeen, new Promise((r) => setTimeout(r, WAIT_SECONDS * 1000))]);
    const cpuAfter = await server.cpu();
    return {
      viewers,
      overlayMs: allSeenAt ? round(allSeenAt - started, 1) : null,
      ackedMs: ackedAt ? round(ackedAt - started, 1) : null,
      acked,
      overlayFrames,
      serverCpuMs: round((cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1000, 1),
      maxStallMs: round(cpuAfter.maxStallMs, 1),
    };
  } finally {
    for (const s of sockets) s.terminate();
    await server.stop();
  }
}

export const polls: Scenario = {
  name: 'polls',
  title: 'Vote storm: first vote to the overlay frame with every vote',
  description: 'N viewers vote at once on one poll (POLLS_VIEWERS=1000,10000)',
  async run(log): Promise<ScenarioResult> {
    const counts = (envList('POLLS_VIEWERS') ?? ['1000', '10000'])
      .map(Number)
      .filter((n) => n > 0 && n <= 20_000);
    const rows: Record<string, unknown>[] = [];
    for (const viewers of counts) rows.push(await storm(viewers, log));
    const table = markdownTable(
      [
        'viewers',
        'first vote -> overlay with all (ms)',
        'all ballots confirmed (ms)',
        'confirmed',
        'overlay tally frames',
        'server CPU (ms)',
        'max stall (ms)',
      ],
      rows.map((r) => [
        String(r.viewers),
        cell(r.overlayMs as number | null),
        cell(r.ackedMs as number | null),
        String(r.acked),
        String(r.overlayFrames),
        cell(r.serverCpuMs as number),
        cell(r.maxStallMs as number),
      ]),
    );
    return {
      name: 'polls',
      title: this.title,
      params: { counts, connectBatch: CONNECT_BATCH, waitSeconds: WAIT_SECONDS },
      rows,
      markdown: `${table}\n\nBallots are batched (<=500 per statement) into the embedded PGlite; tallies are pushed at most every 200 ms, so "overlay frames" stays small however many votes arrive. Empty cells: not reached within ${WAIT_SECONDS} s.`,
    };
  },
};
