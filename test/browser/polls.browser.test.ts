/**
 * [POLLS-24] In a real browser: a viewer page votes, and the overlay page's Chart.js chart shows the
 * vote with Wiperino's `answer (n, p%)` label; the overlay has a transparent background.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../helpers/server.js';
import { addQuestion, createSession } from '../integration/polls-helpers.js';
import {
  browserAvailable,
  browserMissingOnCi,
  launchBrowser,
  missingChromiumMessage,
  startWebServer,
  type TestBrowser,
} from './helpers.js';

describe.skipIf(!browserMissingOnCi)('polls browser prerequisites', () => {
  it('needs Chromium on CI', () => {
    throw new Error(missingChromiumMessage);
  });
});

describe.skipIf(!browserAvailable)('polls in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('[POLLS-24] a viewer page votes and the overlay chart shows it', async () => {
    const s = await createSession(server);
    const q = await addQuestion(server, s.mod, { question: 'Next boss?', answers: ['Ragnaros', 'Onyxia'] });
    await server.app.inject({ method: 'POST', url: `/api/polls/m/${s.mod}/questions/${q.id}/publish/` });

    const overlay = await browser.newPage();
    await overlay.goto(`${server.url}/polls/o/${s.overlay}/?size=18`);
    await overlay.waitForSelector(`.poll-overlay[data-published="${q.id as string}"]`);
    const background = await overlay.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(['rgba(0, 0, 0, 0)', 'transparent']).toContain(background);

    const viewer = await browser.newPage();
    await viewer.goto(`${server.url}/polls/v/${s.viewer}/`);
    await viewer.getByLabel('Onyxia').check();
    await viewer.getByRole('button', { name: 'Vote' }).click();
    await viewer.getByText('Your vote is counted: Onyxia').waitFor();

    const canvas = overlay.locator('.poll-overlay canvas');
    await expect
      .poll(() => canvas.getAttribute('aria-label'), { timeout: 10_000 })
      .toContain('Onyxia (1, 100.0%)');
    expect(await overlay.locator('.poll-overlay').getAttribute('data-votes')).toBe(
      JSON.stringify({ Ragnaros: 0, Onyxia: 1 }),
    );
    // The chart really drew bars: some canvas pixels are not transparent.
    const painted = () =>
      overlay.evaluate(() => {
        const c = document.querySelector('.poll-overlay canvas') as HTMLCanvasElement;
        const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data ?? [];
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n += 1;
        return n;
      });
    await expect.poll(painted, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(browser.errors).toEqual([]);
  }, 60_000);
});
