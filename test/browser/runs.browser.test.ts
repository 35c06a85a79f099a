/**
 * [RUNS-21] The run pages in a real browser: a wipe click on the dashboard shows on the overlay page
 * within a second, and the timer overlay shows the same time as the speedrun dashboard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { call, makeRun, makeTimer, makeUser, makeWipe, type TestUser } from '../integration/runs-helpers.js';
import {
  browserAvailable,
  browserMissingOnCi,
  launchBrowser,
  missingChromiumMessage,
  startWebServer,
  type TestBrowser,
} from './helpers.js';

const TIMEOUT = 90_000;

if (browserMissingOnCi) {
  it('needs Chromium on CI', () => {
    expect.fail(missingChromiumMessage);
  });
}

/** m:ss.t or h:mm:ss.t to seconds. */
function seconds(text: string | null): number {
  const parts = (text ?? '').trim().split(':').map(Number);
  return parts.reduce((sum, part) => sum * 60 + part, 0);
}

describe.skipIf(!browserAvailable)('runs in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let user: TestUser;
  let dashboard: Page;
  let overlay: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    user = await makeUser(server.app, 'streamer');
    const login = await call(server.app, 'POST', '/api/login/', null, {
      username: user.username,
      password: `pw-${user.username}`,
    });
    dashboard = await browser.newPage();
    overlay = await browser.newPage();
    dashboard.setDefaultTimeout(15_000);
    overlay.setDefaultTimeout(15_000);
    await dashboard.goto(`${server.url}/`);
    await dashboard.evaluate(
      ([access, refresh]) => {
        localStorage.setItem('access', access ?? '');
        localStorage.setItem('refresh', refresh ?? '');
      },
      [login.body.access as string, login.body.refresh as string],
    );
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    '[RUNS-21] a wipe click on the dashboard shows on the overlay within a second',
    async () => {
      const run = await makeRun(server.app, user, 'WIPECOUNTER', 'Browser prog');
      const seg = await makeWipe(server.app, user, run.id as number, 'Door boss', 2);
      const response = await overlay.goto(`${server.url}/overlay/runs/${run.id}/?color=00ff00`);
      expect(response?.headers()['cache-control']).toBe('no-cache');
      await overlay.locator(`tr[data-segment="${seg.id}"] .overlay-count`).filter({ hasText: '2' }).waitFor();
      expect(await overlay.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(
        'rgba(0, 0, 0, 0)',
      );
      await dashboard.goto(`${server.url}/runs/${run.id}/`);
      await dashboard.locator('.connection[data-status="open"]').waitFor();
      await dashboard.locator(`tr[data-segment="${seg.id}"] .wipe-count`).filter({ hasText: '2' }).waitFor();
      await dashboard.getByRole('button', { name: 'Add a wipe to Door boss' }).click();
      await overlay
        .locator(`tr[data-segment="${seg.id}"] .overlay-count`)
        .filter({ hasText: '3' })
        .waitFor({ timeout: 1_000 });
      expect((await overlay.locator('.overlay-total').textContent())?.trim()).toBe('Total: 3');
      expect(browser.errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    '[RUNS-21] the timer overlay shows the same time as the dashboard',
    async () => {
      const run = await makeRun(server.app, user, 'SPEEDRUN', 'Browser any%');
      const seg = await makeTimer(server.app, user, run.id as number, 'Level 1', 61);
      await overlay.goto(`${server.url}/overlay/runs/${run.id}/timer/`);
      await overlay.locator('.run-overlay[data-loaded="1"]').waitFor();
      await dashboard.goto(`${server.url}/runs/${run.id}/`);
      await dashboard.locator('.connection[data-status="open"]').waitFor();
      await dashboard.getByRole('button', { name: 'Start' }).click();
      await overlay
        .locator(`tr[data-segment="${seg.id}"] .overlay-time`)
        .filter({ hasNotText: '1:01.0' })
        .waitFor();
      // While running, both read the server's start instant: they agree to within the tick.
      const [d, o] = await Promise.all([
        dashboard.locator(`tr[data-segment="${seg.id}"] .timer-value`).textContent(),
        overlay.locator(`tr[data-segment="${seg.id}"] .overlay-time`).textContent(),
      ]);
      expect(Math.abs(seconds(d) - seconds(o))).toBeLessThanOrEqual(0.5);
      await dashboard.getByRole('button', { name: 'Pause' }).click();
      await dashboard.getByRole('button', { name: 'Start' }).waitFor();
      const stored = await call(server.app, 'GET', `/api/runs/${run.id}/timers/${seg.id}/`, user);
      const expected = stored.body.elapsed_time as number;
      const shown = async (page: Page, cls: string) =>
        seconds(await page.locator(`tr[data-segment="${seg.id}"] ${cls}`).textContent());
      await expect
        .poll(() => shown(overlay, '.overlay-time'), { timeout: 2_000 })
        .toBeCloseTo(Math.floor(expected * 10) / 10, 5);
      expect(await shown(dashboard, '.timer-value')).toBeCloseTo(await shown(overlay, '.overlay-time'), 5);
      expect(browser.errors).toEqual([]);
    },
    TIMEOUT,
  );
});
