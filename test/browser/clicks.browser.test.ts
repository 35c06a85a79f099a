/**
 * [CLICKS-50..51] Roomful's click wall page in a real browser: it connects over Socket.IO, a click
 * shows up in its own feed and reaches a socket.io-client 2.3 client, a hostile comment is shown as
 * text, and the stats page draws its chart and lists the top users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
import { connectClicks, type ClickClient } from '../integration/fixtures/clicks-client.js';
import {
  browserAvailable,
  browserMissingOnCi,
  launchBrowser,
  missingChromiumMessage,
  startWebServer,
  type TestBrowser,
} from './helpers.js';

const TIMEOUT = 60_000;

if (browserMissingOnCi) {
  it('needs Chromium on CI', () => {
    expect.fail(missingChromiumMessage);
  });
}

describe.skipIf(!browserAvailable)('click wall in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  let old: ClickClient;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startWebServer({ config: { clicksBatchMs: 5 } }),
      launchBrowser(),
    ]);
    page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    old = await connectClicks(server.url, 'v2');
  }, TIMEOUT);

  afterAll(async () => {
    old?.close();
    await browser?.close();
    await server?.close();
  });

  it(
    '[CLICKS-50] clicking on the page reaches everyone; comments render as text',
    async () => {
      let alerted = false;
      page.on('dialog', (dialog) => {
        alerted = true;
        void dialog.dismiss();
      });
      await page.goto(`${server.url}/clicks/`);
      await page.getByTestId('name').fill('browsy');
      await page.getByTestId('name').press('Tab');
      await expect.poll(() => page.getByTestId('click').isEnabled()).toBe(true);
      await page.getByTestId('comment').fill('<img src=x onerror=alert(1)>');
      await page.getByTestId('click').click();
      const fromPage = await old.next('click', (c) => c.user === 'browsy');
      expect(fromPage.comment).toBe('<img src=x onerror=alert(1)>');
      await expect
        .poll(() => page.getByTestId('feed').textContent())
        .toContain('browsy: <img src=x onerror=alert(1)>');
      expect(await page.locator('[data-testid=feed] img').count()).toBe(0);
      old.emit('click', { user: 'oldie', comment: 'hi from 2.3' });
      await expect.poll(() => page.getByTestId('feed').textContent()).toContain('oldie: hi from 2.3');
      await expect
        .poll(async () => Number(await page.getByTestId('today').textContent()))
        .toBeGreaterThanOrEqual(2);
      expect(alerted).toBe(false);
    },
    TIMEOUT,
  );

  it(
    '[CLICKS-51] the stats page draws the hourly chart and lists top and online users',
    async () => {
      await page.goto(`${server.url}/clicks/stats/`);
      await expect.poll(() => page.getByTestId('top-users').textContent()).toContain('browsy');
      expect(await page.getByTestId('hours-chart').isVisible()).toBe(true);
      await expect.poll(() => page.getByTestId('online-users').textContent()).toContain('oldie');
    },
    TIMEOUT,
  );
});
