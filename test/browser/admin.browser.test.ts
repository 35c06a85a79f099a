/**
 * [ADMIN-14] The admin pages in a real browser: a staff user finds a user on the admin users page
 * and makes them premium (with the inline confirmation); the change is stored, shown, and listed
 * in the audit trail. A non-staff user gets the "Staff only" page.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { createUser, findUserByUsername } from '../../src/features/accounts/service.js';
import type { TestServer } from '../helpers/server.js';
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

describe.skipIf(!browserAvailable)('admin in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;

  /** A user with a password, signed in on `page` by putting its tokens where the app keeps them. */
  async function signIn(p: Page, flags: { staff?: boolean } = {}) {
    const username = `adm${randomBytes(4).toString('hex')}`;
    const password = `pw-${username}`;
    await createUser(server.ctx.database.db, { username, password, isStaff: flags.staff ?? false });
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/login/',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ username, password }),
    });
    const { access, refresh } = res.json() as { access: string; refresh: string };
    await p.goto(`${server.url}/`);
    await p.evaluate(
      ([a, r]) => {
        localStorage.setItem('access', a ?? '');
        localStorage.setItem('refresh', r ?? '');
      },
      [access, refresh],
    );
    return username;
  }

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.newPage();
    page.setDefaultTimeout(15_000);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    '[ADMIN-14] a staff user promotes a user to premium from the admin users page',
    async () => {
      const staffName = await signIn(page, { staff: true });
      const target = `tgt${randomBytes(4).toString('hex')}`;
      await createUser(server.ctx.database.db, { username: target });

      await page.goto(`${server.url}/admin/`);
      await page.getByRole('list', { name: 'Overview' }).waitFor();
      await page
        .getByRole('navigation', { name: 'Admin areas' })
        .getByRole('link', { name: 'Users' })
        .click();
      await page.getByRole('searchbox', { name: 'Search' }).fill(target);
      const row = page.getByRole('row').filter({ hasText: target });
      await row.waitFor();
      // The search answer replaces the unfiltered first page: the header row and the one match.
      await expect.poll(() => page.getByRole('table', { name: 'Users' }).getByRole('row').count()).toBe(2);

      await row.getByRole('button', { name: 'Make premium' }).click();
      // Nothing happens before the confirmation.
      expect((await findUserByUsername(server.ctx.database.db, target))?.isPremium).toBe(false);
      await row.getByRole('group').getByRole('button', { name: 'Confirm' }).click();
      await row.getByRole('button', { name: 'Remove premium' }).waitFor();
      expect((await findUserByUsername(server.ctx.database.db, target))?.isPremium).toBe(true);
      expect(await row.locator('td').nth(3).textContent()).toBe('yes');

      await page.getByRole('link', { name: 'Audit trail' }).click();
      const entry = page.getByRole('row').filter({ hasText: 'user.update' }).first();
      await entry.waitFor();
      expect(await entry.textContent()).toContain(staffName);
      expect(await entry.textContent()).toContain('is_premium');
      expect(browser.errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    '[ADMIN-14] a signed-in user who is not staff sees "Staff only"',
    async () => {
      const other = await browser.newPage();
      other.setDefaultTimeout(15_000);
      await signIn(other);
      await other.goto(`${server.url}/admin/users/`);
      await other.getByRole('heading', { name: 'Staff only' }).waitFor();
      expect(await other.getByRole('table').count()).toBe(0);
      await other.close();
    },
    TIMEOUT,
  );
});
