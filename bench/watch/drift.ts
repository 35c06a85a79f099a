/**
 * The browser drift figure for the watch scenario: what test/browser/watch.browser.test.ts measured
 * (two Chromium pages in one room; |host - viewer| playback position after PLAY, SEEK and a rate
 * change), read from test-results/watch-drift.json. With WATCH_BROWSER=1 the bench runs that test
 * first (bounded to 3 minutes; needs /usr/bin/chromium and ffmpeg).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface DriftPhase {
  phase: string;
  pairs: number;
  medianMs: number;
  p90Ms: number;
  maxMs: number;
  convergedAfterMs: number | null;
  hostClockDriftMs: number;
  viewerClockDriftMs: number;
}

export interface DriftFigure {
  date: string;
  limitMs: number;
  worstMedianMs: number;
  phases: DriftPhase[];
}

const root = fileURLToPath(new URL('../../', import.meta.url));
const file = `${root}test-results/watch-drift.json`;

/** Runs the browser test when asked to, then reads its figures (null when there are none). */
export function browserDrift(log: (line: string) => void): { figure: DriftFigure | null; note: string } {
  if (process.env.WATCH_BROWSER === '1') {
    log('watch: running the two-page browser test for the drift figure');
    const run = spawnSync(
      process.execPath,
      ['node_modules/vitest/vitest.mjs', 'run', 'test/browser/watch.browser.test.ts'],
      { cwd: root, stdio: 'ignore', timeout: 180_000 },
    );
    if (run.status !== 0) log(`watch: the browser test did not pass (status ${String(run.status)})`);
  }
  if (!existsSync(file)) {
    return {
      figure: null,
      note: 'No browser drift figure: run `npx vitest run test/browser/watch.browser.test.ts` (or WATCH_BROWSER=1).',
    };
  }
  const figure = JSON.parse(readFileSync(file, 'utf8')) as DriftFigure;
  return { figure, note: `Browser drift measured ${figure.date} by test/browser/watch.browser.test.ts.` };
}
