/**
 * The account pages in a real browser against a real server: register (and land signed in), sign
 * out, sign in by username, sign out, and the neutral answer of the forgot-password page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { TestServer } from '../helpers/server.js';
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

describe.skipIf(!browserAvailable)('accounts in the browser', () => {
  let server: TestServer;
  let browser: TestBrowser;
  let page: Page;
  const username = `ada${Date.now().toString(36)}`;
  const email = `${username}@example.com`;
  const password = 'Correct-Horse-Battery-42';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startWebServer(), launchBrowser()]);
    page = await browser.newPage();
    page.setDefaultTimeout(10_000);
  }, TIMEOUT);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const banner = () => page.getByRole('banner');
  const accountName = () => banner().locator('.account-name');

  async function expectSignedInAs(name: string): Promise<void> {
    await banner().getByRole('button', { name: 'Sign out' }).waitFor();
    expect((await accountName().textContent())?.trim()).toBe(name);
    expect(await page.evaluate(() => localStorage.getItem('access'))).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  }

  async function signOut(): Promise<void> {
    await banner().getByRole('button', { name: 'Sign out' }).click();
    await banner().getByRole('link', { name: 'Sign in' }).waitFor();
    expect(await accountName().count()).toBe(0);
    expect(
      await page.evaluate(() => [localStorage.getItem('access'), localStorage.getItem('refresh')]),
    ).toEqual([null, null]);
  }

  it(
    'registers a new account and lands signed in, signs out, signs in by username, signs out',
    async () => {
      await page.goto(`${server.url}/register/`);
      await page.getByRole('heading', { name: 'Create an account' }).waitFor();
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password', { exact: true }).fill(password);
      await page.getByLabel('Confirm password').fill(password);
      await page.getByRole('button', { name: 'Create account' }).click();

      await page.waitForURL(`${server.url}/`);
      await expectSignedInAs(username);
      // The profile came from /api/me/ with the token the page stored.
      const me = await page.evaluate(async () => {
        const response = await fetch('/api/me/', {
          headers: { Authorization: `Bearer ${localStorage.access}` },
        });
        return (await response.json()) as { username: string; email: string };
      });
      expect(me).toMatchObject({ username, email });

      await signOut();

      await banner().getByRole('link', { name: 'Sign in' }).click();
      await page.waitForURL(`${server.url}/login/`);
      await page.getByLabel('Username or email').fill(username);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(`${server.url}/`);
      await expectSignedInAs(username);

      // A reload keeps the session (tokens in localStorage, as Wiperino's pages expect).
      await page.reload();
      await expectSignedInAs(username);

      await signOut();
      expect(browser.errors).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    'shows a readable error for a wrong password',
    async () => {
      await page.goto(`${server.url}/login/`);
      await page.getByLabel('Username or email').fill(username);
      await page.getByLabel('Password').fill('not-the-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect((await alert.textContent())?.trim()).not.toBe('');
      expect(page.url()).toBe(`${server.url}/login/`);
      expect(await accountName().count()).toBe(0);
    },
    TIMEOUT,
  );

  it(
    'forgot-password shows the neutral message, for known and unknown addresses alike',
    async () => {
      const messages: string[] = [];
      for (const address of [email, `nobody-${username}@example.com`]) {
        await page.goto(`${server.url}/forgot-password/`);
        await page.getByLabel('Email').fill(address);
        await page.getByRole('button', { name: 'Send reset link' }).click();
        const status = page.getByRole('status').filter({ hasText: 'If this email is registered' });
        await status.waitFor();
        messages.push((await status.textContent())?.trim() ?? '');
      }
      expect(messages[0]).toBe('If this email is registered, you will receive a reset link in your email.');
      expect(messages[1]).toBe(messages[0]);
    },
    TIMEOUT,
  );

  it(
    'serves every module path from the web app, with the not-available page for unbuilt modules',
    async () => {
      await page.goto(`${server.url}/`);
      for (const name of ['Runs', 'Polls', 'Watch rooms', 'Lobbies', 'Click wall', 'Admin']) {
        await page.getByRole('main').getByRole('link', { name, exact: true }).waitFor();
      }
      await page.goto(`${server.url}/clicks`);
      await page.waitForURL(`${server.url}/clicks/`);
      await page.getByRole('heading', { level: 1 }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toMatch(/not available yet|click/i);
    },
    TIMEOUT,
  );
});
