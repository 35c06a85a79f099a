/**
 * Scenario `watch`: 1 host + 1,000 viewers in one real watch room (REST guests, REST create/join,
 * `ws/room/<code>/?token=`), the host alternating PLAY and SEEK. Measured: the time from the host's
 * send to each viewer's receipt of the resulting PLAYBACK_STATE (p50/p99 per command type), the
 * time until the last viewer had it, the join storm, the server's CPU per command, and the browser
 * drift figure of test/browser/watch.browser.test.ts. Bounded in count and time; loopback only.
 */
import { startServerChild } from '../lib/child.js';
import { envNumber } from '../lib/env.js';
import type { Scenario, ScenarioResult } from '../lib/scenario.js';
import { cell, markdownTable, percentiles, round } from '../lib/stats.js';
import { browserDrift } from './drift.js';
import { guests, http, openRoomSocket, waitQuiet, type RoomSocket } from './load.js';

const VIEWERS = envNumber('WATCH_VIEWERS', 1000, 1);
const COMMANDS = envNumber('WATCH_COMMANDS', 60, 2);
const GAP_MS = envNumber('WATCH_GAP_MS', 50, 0);
const BATCH = envNumber('WATCH_CONNECT_BATCH', 50, 1);
const COMMAND_TIMEOUT_MS = envNumber('WATCH_COMMAND_TIMEOUT_MS', 5000, 100);

interface Command {
  type: 'PLAY' | 'SEEK';
  sentAt: number;
  received: number;
  lastAt: number;
  done: () => void;
}

async function measure(log: (line: string) => void): Promise<Record<string, unknown>> {
  const server = await startServerChild(new URL('./server.ts', import.meta.url).pathname);
  const api = http(`http://127.0.0.1:${server.port}`);
  const ws = `ws://127.0.0.1:${server.port}`;
  const sockets: RoomSocket[] = [];
  try {
    const [host] = await guests(api, 1, 'host');
    if (!host) throw new Error('no host');
    const created = await api.post('/api/rooms/create/', {}, host.token);
    const code = String(created.body.code);
    const hostSocket = await openRoomSocket(`${ws}/ws/room/${code}/?token=${host.token}&clock=1`, () => {});
    sockets.push(hostSocket);

    const guestsStarted = performance.now();
    const viewers = await guests(api, VIEWERS, 'v');
    const guestsMs = performance.now() - guestsStarted;
    log(`watch: ${VIEWERS} guests in ${Math.round(guestsMs)} ms`);

    const byVersion = new Map<number, Command>();
    const latencies = {
      PLAY: new Float64Array(COMMANDS * VIEWERS),
      SEEK: new Float64Array(COMMANDS * VIEWERS),
    };
    const counts = { PLAY: 0, SEEK: 0 };
    const onState = (frame: { version: number }): void => {
      const command = byVersion.get(frame.version);
      if (!command) return;
      const now = performance.now();
      latencies[command.type][counts[command.type]++] = now - command.sentAt;
      command.lastAt = now;
      if ((command.received += 1) === VIEWERS) command.done();
    };

    const cpuBeforeJoin = await server.cpu();
    const joinStarted = performance.now();
    for (let i = 0; i < VIEWERS; i += BATCH) {
      const batch = viewers.slice(i, i + BATCH);
      await Promise.all(batch.map((v) => api.post('/api/rooms/join/', { code }, v.token)));
      sockets.push(
        ...(await Promise.all(
          batch.map((v) => openRoomSocket(`${ws}/ws/room/${code}/?token=${v.token}`, onState)),
        )),
      );
    }
    const joinMs = performance.now() - joinStarted;
    const drainMs = await waitQuiet(sockets, 500, 30_000);
    log(`watch: ${VIEWERS} viewers joined in ${Math.round(joinMs)} ms (+${Math.round(drainMs)} ms to drain)`);

    const cpuBefore = await server.cpu();
    const joinCpuMs = (cpuBefore.user + cpuBefore.system - cpuBeforeJoin.user - cpuBeforeJoin.system) / 1000;
    const started = performance.now();
    const lastReceipt: number[] = [];
    let version = hostSocket.snapshotVersion;
    let timedOut = 0;
    for (let i = 0; i < COMMANDS; i += 1) {
      const type = i % 2 === 0 ? 'PLAY' : 'SEEK';
      version += 1;
      let done: () => void = () => {};
      const finished = new Promise<void>((resolve) => (done = resolve));
      const command: Command = { type, sentAt: performance.now(), received: 0, lastAt: 0, done };
      byVersion.set(version, command);
      hostSocket.ws.send(JSON.stringify({ type, time: 10 + i }));
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), COMMAND_TIMEOUT_MS),
      );
      if ((await Promise.race([finished, timer])) === 'timeout') timedOut += 1;
      else lastReceipt.push(command.lastAt - command.sentAt);
      if (GAP_MS > 0) await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    const windowMs = performance.now() - started;
    const cpuAfter = await server.cpu();
    const cpuMs = (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / 1000;
    const [play50, play99] = percentiles(latencies.PLAY, counts.PLAY, [50, 99]);
    const [seek50, seek99] = percentiles(latencies.SEEK, counts.SEEK, [50, 99]);
    const last = Float64Array.from(lastReceipt);
    const [last50, last99] = percentiles(last, last.length, [50, 99]);
    const closed = sockets.filter((s) => s.closeCode !== null).map((s) => s.closeCode);
    return {
      viewers: VIEWERS,
      commands: COMMANDS,
      delivered: round(((counts.PLAY + counts.SEEK) / (COMMANDS * VIEWERS)) * 100, 2),
      playP50Ms: round(play50 ?? NaN, 1),
      playP99Ms: round(play99 ?? NaN, 1),
      seekP50Ms: round(seek50 ?? NaN, 1),
      seekP99Ms: round(seek99 ?? NaN, 1),
      lastViewerP50Ms: round(last50 ?? NaN, 1),
      lastViewerP99Ms: round(last99 ?? NaN, 1),
      timedOutCommands: timedOut,
      serverCpuMsPerCommand: round(cpuMs / COMMANDS, 2),
      maxStallMs: round(cpuAfter.maxStallMs, 1),
      windowMs: round(windowMs, 0),
      guestsMs: round(guestsMs, 0),
      joinStormMs: round(joinMs + drainMs, 0),
      joinServerCpuMs: round(joinCpuMs, 0),
      closedSockets: closed,
    };
  } finally {
    for (const s of sockets) s.ws.terminate();
    await server.stop();
  }
}

export const watch: Scenario = {
  name: 'watch',
  title: 'Watch room: host PLAY/SEEK fan-out to 1,000 viewers, and browser drift',
  description: '1 host + WATCH_VIEWERS (1000) viewers in one room: PLAY/SEEK latency, drift',
  async run(log): Promise<ScenarioResult> {
    const row = await measure(log);
    const { figure, note } = browserDrift(log);
    const table = markdownTable(
      [
        'viewers',
        'PLAY p50 / p99 (ms)',
        'SEEK p50 / p99 (ms)',
        'last viewer p50 / p99 (ms)',
        'delivered %',
        'server CPU / command (ms)',
        'max stall (ms)',
      ],
      [
        [
          String(row.viewers),
          `${cell(row.playP50Ms as number)} / ${cell(row.playP99Ms as number)}`,
          `${cell(row.seekP50Ms as number)} / ${cell(row.seekP99Ms as number)}`,
          `${cell(row.lastViewerP50Ms as number)} / ${cell(row.lastViewerP99Ms as number)}`,
          cell(row.delivered as number),
          cell(row.serverCpuMsPerCommand as number),
          cell(row.maxStallMs as number),
        ],
      ],
    );
    const drift = figure
      ? markdownTable(
          [
            'after',
            'host-viewer gap median (ms)',
            'p90 (ms)',
            'max (ms)',
            'within 50 ms after (ms)',
            'drift from room clock host / viewer (ms)',
          ],
          figure.phases.map((p) => [
            p.phase,
            cell(p.medianMs),
            cell(p.p90Ms),
            cell(p.maxMs),
            p.convergedAfterMs === null ? 'never' : cell(p.convergedAfterMs, 0),
            `${cell(p.hostClockDriftMs)} / ${cell(p.viewerClockDriftMs)}`,
          ]),
        )
      : '';
    const notes = [
      `${String(row.commands)} commands (PLAY and SEEK alternating, ${GAP_MS} ms apart once every viewer had the last one); latency = host send to viewer receipt of PLAYBACK_STATE, one process, one clock. Timed-out commands: ${String(row.timedOutCommands)}. Closed sockets: ${JSON.stringify(row.closedSockets)}.`,
      `Setup: ${String(row.viewers)} guests in ${String(row.guestsMs)} ms; join storm (REST join + connect in batches of ${BATCH}, every join sends ROOM_PARTICIPANTS with every name to every member, StreamIt's protocol) ${String(row.joinStormMs)} ms, ${String(row.joinServerCpuMs)} ms of server CPU.`,
      note,
    ];
    return {
      name: 'watch',
      title: this.title,
      params: { viewers: VIEWERS, commands: COMMANDS, gapMs: GAP_MS, connectBatch: BATCH },
      rows: [row, ...(figure ? [{ drift: figure }] : [])],
      markdown: [table, drift, notes.join('\n\n')].filter(Boolean).join('\n\n'),
    };
  },
};
