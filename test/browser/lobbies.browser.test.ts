/**
 * [LOBBY-50] Two users in two browsers in one lobby page: the premium owner creates the lobby with
 * the form, the other joins from the list; both see each other online with their roles, chat both
 * ways, and the owner sees the other's typing indicator.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../src/features/accounts/service.js';
import type { TestServer } from '../helpers/server.js';
import { http, unique } from '../integration/lobbies-support.js';
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

describe.skipIf(!browserAvailable)('lobbies in the browser', () => {
  let server: TestServer;
  let browsers: TestBrowser[] = [];

  beforeAll(async () => {
    server = await startWebServer();
    browsers = await Promise.all([launchBrowser(), launchBrowser()]);
  }, TIMEOUT);

  afterAll(async () => {
    await Promise.all(browsers.map((b) => b.close()));
    await server?.close();
  });

  /** A signed-in tab: the user is made in the database, the page gets its tokens as after a login. */
  async function signedIn(browser: TestBrowser, premium: boolean): Promise<{ page: Page; username: string }> {
    const username = unique(premium ? 'own' : 'pal');
    const password = 'Quartz-Lantern-42';
    await createUser(server.ctx.database.db, { username, password, isPremium: premium });
    const login = await http(server, 'POST', '/api/auth/login/', { username, password });
    await browser.context.addInitScript(
      ([access, refresh]) => {
        if (!localStorage.getItem('access')) {
          localStorage.setItem('access', access ?? '');
          localStorage.setItem('refresh', refresh ?? '');
        }
      },
      [String(login.body.access), String(login.body.refresh)],
    );
    const page = await browser.newPage();
    page.setDefaultTimeout(15_000);
    return { page, username };
  }

  it(
    '[LOBBY-50] create, join, presence with roles, chat both ways and typing',
    async () => {
      const owner = await signedIn(browsers[0]!, true);
      const pal = await signedIn(browsers[1]!, false);
      const name = `Browser ${unique('room')}`;

      await owner.page.goto(`${server.url}/lobbies/`);
      await owner.page.getByRole('form', { name: 'Create a lobby' }).getByLabel('Name').fill(name);
      await owner.page.getByRole('button', { name: 'Create' }).click();
      await owner.page.getByRole('heading', { name }).waitFor();
      const lobbyUrl = owner.page.url();
      expect(lobbyUrl).toMatch(/\/lobbies\/\d+\/$/);

      await pal.page.goto(`${server.url}/lobbies/`);
      await pal.page.getByLabel('Search').fill(name);
      const row = pal.page.getByRole('listitem').filter({ hasText: name });
      await row.getByRole('button', { name: 'Join' }).click();
      await pal.page.waitForURL(lobbyUrl);
      await pal.page.getByRole('heading', { name }).waitFor();

      // Both are online in both member lists, with their roles.
      const palRow = owner.page.locator(`.member-list li[data-user="${pal.username}"]`);
      await palRow.getByLabel('online').waitFor();
      expect(await palRow.locator('.role').textContent()).toBe('member');
      const ownerRow = pal.page.locator(`.member-list li[data-user="${owner.username}"]`);
      await ownerRow.getByLabel('online').waitFor();
      expect(await ownerRow.locator('.role').textContent()).toBe('owner');
      // The owner moderates; the member does not.
      expect(await palRow.locator('summary').count()).toBe(1);
      expect(await ownerRow.locator('summary').count()).toBe(0);

      await pal.page.getByRole('textbox', { name: 'Message' }).pressSequentially('hel');
      await owner.page.getByText(`${pal.username} is typing…`).waitFor();
      await pal.page.getByRole('textbox', { name: 'Message' }).fill('hello <b>owner</b>');
      await pal.page.getByRole('button', { name: 'Send' }).click();
      await owner.page.locator('.chat-text', { hasText: 'hello <b>owner</b>' }).waitFor();
      expect(await owner.page.locator('.chat-log b').count()).toBe(0);

      await owner.page.getByRole('textbox', { name: 'Message' }).fill('welcome!');
      await owner.page.keyboard.press('Enter');
      await pal.page.locator('.chat-text', { hasText: 'welcome!' }).waitFor();
      await owner.page.locator('.chat-text', { hasText: 'welcome!' }).waitFor();
      expect(browsers.flatMap((b) => b.errors)).toEqual([]);
    },
    TIMEOUT,
  );
});
