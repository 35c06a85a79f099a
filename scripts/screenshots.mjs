#!/usr/bin/env node
/**
 * Screenshots of every page of the web app, for looking at the UI as a person would.
 *
 *   node scripts/screenshots.mjs <base-url> <output-folder> [--only <substring>] [--sizes desktop,mobile]
 *                                [--schemes light,dark]
 *
 * Needs a running server with the demo data (`roomful seed-demo`) and a staff user `admin` whose
 * password is in ROOMFUL_ADMIN_PASSWORD (default `AdminPass123!`; made with `roomful create-superuser`).
 * It signs in through the API (testuser/testuser, premium_user_1/testpass123, admin), creates a run of
 * each mode, a poll session with a question, a watch room and a lobby, then visits every page at
 * desktop (1280x800) and mobile (390x844) sizes in light and dark, and writes one full-page PNG each
 * (`<page>-<size>-<scheme>.png`). Overlay pages are also checked for a transparent background, no
 * scrollbars and no dialogs; findings go to `report.json` and to stdout.
 *
 * Uses playwright-core with Debian's /usr/bin/chromium (ROOMFUL_CHROMIUM overrides); never downloads a browser.
 */
/* global fetch, document, getComputedStyle, localStorage -- Node 20 fetch; the rest runs in the page */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args.splice(i, 2)[1] : fallback;
};
const only = option('--only', '');
const sizeNames = option('--sizes', 'desktop,mobile').split(',');
const schemes = option('--schemes', 'light,dark').split(',');
const [base = 'http://127.0.0.1:8765', out = 'screenshots'] = args;
const adminPassword = process.env.ROOMFUL_ADMIN_PASSWORD ?? 'AdminPass123!';
const SIZES = { desktop: { width: 1280, height: 800 }, mobile: { width: 390, height: 844 } };

async function call(method, url, token, body) {
  const res = await fetch(new URL(url, base), {
    method,
    headers: {
      accept: 'application/json',
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 200)}`);
  return text ? JSON.parse(text) : null;
}

const login = (username, password) => call('POST', '/api/login/', null, { username, password });

/** Creates the data the pages show; each step is best effort so one broken module does not stop the rest. */
async function setUp(sessions) {
  const t = sessions.user.access;
  const made = {};
  const step = async (name, fn) => {
    try {
      await fn();
    } catch (err) {
      console.warn(`setup ${name}: ${err.message}`);
    }
  };
  await step('runs', async () => {
    const game = await call('POST', '/api/games/', t, { name: `Screenshot game ${Date.now() % 1e5}` });
    made.wipeRun = (
      await call('POST', '/api/runs/', t, { name: 'Mythic raid', game: game.id, mode: 'WIPECOUNTER' })
    ).id;
    made.speedRun = (
      await call('POST', '/api/runs/', t, { name: 'Any% glitchless', game: game.id, mode: 'SPEEDRUN' })
    ).id;
  });
  await step('polls', async () => {
    made.poll = await call('POST', '/api/polls/create_session/', t, {});
    const m = made.poll.moderator ?? made.poll.moderator_url ?? '';
    made.pollTokens = {
      m: String(made.poll.moderator_token ?? m)
        .split('/')
        .filter(Boolean)
        .pop(),
      v: String(made.poll.viewer_token ?? made.poll.viewer ?? made.poll.viewer_url ?? '')
        .split('/')
        .filter(Boolean)
        .pop(),
      o: String(made.poll.overlay_token ?? made.poll.overlay ?? made.poll.overlay_url ?? '')
        .split('/')
        .filter(Boolean)
        .pop(),
    };
    await call('POST', `/api/polls/m/${made.pollTokens.m}/`, t, {
      question: 'Which boss next?',
      answers: ['The Lich King', 'Ragnaros', 'Illidan'],
      kind: 'single',
      visibility: 'live',
    });
  });
  await step('watch', async () => {
    made.room = (await call('POST', '/api/rooms/create/', t, { is_private: false, entry_mode: null })).code;
  });
  await step('lobbies', async () => {
    const p = sessions.premium.access;
    made.lobby = (
      await call('POST', '/api/lobbies/', p, {
        name: 'Friday raid night',
        is_public: true,
        max_participants: 8,
      })
    ).id;
  });
  return made;
}

/** [name, path, who] — who is null (signed out), 'user', 'premium' or 'admin'. */
function pages(made) {
  const list = [
    ['home', '/', 'user'],
    ['home-signed-out', '/', null],
    ['login', '/login/', null],
    ['register', '/register/', null],
    ['forgot-password', '/forgot-password/', null],
    ['reset-password', '/reset-password/abc/def/', null],
    ['not-found', '/no-such-page/', null],
    ['dashboard', '/dashboard/', 'user'],
    ['runs-create', '/runs/create/', 'user'],
    ['runs-signed-out', '/runs/', null],
    ['polls-create', '/polls/create/', 'user'],
    ['rooms', '/rooms/', 'user'],
    ['lobbies', '/lobbies/', 'user'],
    ['lobbies-premium', '/lobbies/', 'premium'],
    ['clicks', '/clicks/', 'user'],
    ['clicks-stats', '/clicks/stats/', 'user'],
    ['overlay-clicks', '/overlay/clicks/', null],
    ['admin', '/admin/', 'admin'],
    ['admin-users', '/admin/users/', 'admin'],
    ['admin-rooms', '/admin/rooms/', 'admin'],
    ['admin-lobbies', '/admin/lobbies/', 'admin'],
    ['admin-bans', '/admin/bans/', 'admin'],
    ['admin-logs', '/admin/logs/', 'admin'],
    ['admin-polls', '/admin/polls/', 'admin'],
    ['admin-runs', '/admin/runs/', 'admin'],
    ['admin-audit', '/admin/audit/', 'admin'],
    ['admin-denied', '/admin/', 'user'],
  ];
  for (const [kind, id] of [
    ['wipe', made.wipeRun],
    ['speed', made.speedRun],
  ]) {
    if (!id) continue;
    list.push(
      [`run-${kind}`, `/runs/${id}/`, 'user'],
      [`run-${kind}-stats`, `/runs/${id}/stats/`, 'user'],
      [`run-${kind}-builder`, `/runs/${id}/overlay-builder/`, 'user'],
      [`overlay-run-${kind}`, `/overlay/runs/${id}/`, null],
      [`overlay-run-${kind}-timer`, `/overlay/runs/${id}/timer/`, null],
    );
  }
  if (made.pollTokens) {
    const { m, v, o } = made.pollTokens;
    list.push(
      ['poll-moderator', `/polls/m/${m}/`, 'user'],
      ['poll-viewer', `/polls/v/${v}/`, null],
      ['poll-builder', `/polls/o/${o}/builder/`, 'user'],
      ['overlay-poll', `/polls/o/${o}/`, null],
    );
  }
  if (made.room) list.push(['room', `/rooms/${made.room}/`, 'user']);
  if (made.lobby) {
    list.push(
      ['lobby', `/lobbies/${made.lobby}/`, 'premium'],
      ['admin-lobby-messages', `/admin/lobbies/${made.lobby}/messages/`, 'admin'],
    );
  }
  return list.filter(([name]) => !only || name.includes(only));
}

/** What an overlay must not have: a painted page background, scrollbars, or an open dialog. */
async function overlayProblems(page) {
  return page.evaluate(() => {
    const problems = [];
    for (const el of [document.documentElement, document.body, document.getElementById('app')]) {
      if (!el) continue;
      const bg = getComputedStyle(el).backgroundColor;
      if (bg !== 'rgba(0, 0, 0, 0)' && bg !== 'transparent')
        problems.push(`${el.tagName}#${el.id} background ${bg}`);
    }
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollHeight > root.clientHeight + 1)
      problems.push(`vertical scroll ${root.scrollHeight}>${root.clientHeight}`);
    if (root.scrollWidth > root.clientWidth + 1)
      problems.push(`horizontal scroll ${root.scrollWidth}>${root.clientWidth}`);
    if (document.querySelector('dialog[open], [role="dialog"], [role="alertdialog"]'))
      problems.push('dialog shown');
    return problems;
  });
}

/** Horizontal overflow on normal pages (something wider than the viewport). */
async function overflowProblems(page) {
  return page.evaluate(() => {
    const root = document.scrollingElement ?? document.documentElement;
    if (root.scrollWidth <= root.clientWidth + 1) return [];
    const wide = [...document.querySelectorAll('body *')]
      .filter((el) => el.getBoundingClientRect().right > root.clientWidth + 1)
      .slice(0, 3)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}`,
      );
    return [`horizontal overflow ${root.scrollWidth}>${root.clientWidth}: ${wide.join(', ')}`];
  });
}

async function main() {
  mkdirSync(out, { recursive: true });
  const sessions = {
    user: await login('testuser', 'testuser'),
    premium: await login('premium_user_1', 'testpass123'),
    admin: await login('admin', adminPassword).catch((err) => (console.warn(`admin: ${err.message}`), null)),
  };
  const made = await setUp(sessions);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'roomful-shots-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.ROOMFUL_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const report = [];
  try {
    for (const [name, url, who] of pages(made)) {
      const session = who ? sessions[who] : null;
      if (who && !session) continue;
      for (const sizeName of sizeNames) {
        for (const scheme of schemes) {
          const page = await context.newPage();
          const errors = [];
          page.on('pageerror', (err) => errors.push(String(err)));
          page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
          await page.setViewportSize(SIZES[sizeName]);
          await page.emulateMedia({ colorScheme: scheme });
          // Tokens go where the app looks for them before it starts.
          await page.goto(new URL('/no-such-page-for-storage/', base).href);
          await page.evaluate(
            ([access, refresh]) => {
              localStorage.clear();
              if (access) localStorage.setItem('access', access);
              if (refresh) localStorage.setItem('refresh', refresh);
            },
            [session?.access ?? null, session?.refresh ?? null],
          );
          await page.goto(new URL(url, base).href, { waitUntil: 'load' });
          await page.waitForTimeout(1200);
          const overlay = url.startsWith('/overlay/') || /^\/polls\/o\/[^/]+\/$/.test(url);
          const problems = overlay ? await overlayProblems(page) : await overflowProblems(page);
          const file = `${name}-${sizeName}-${scheme}.png`;
          await page.screenshot({ path: path.join(out, file), fullPage: !overlay, omitBackground: overlay });
          report.push({ name, url, size: sizeName, scheme, file, problems, errors });
          if (problems.length || errors.length)
            console.log(`${file}: ${[...problems, ...errors].join(' | ')}`);
          await page.close();
        }
      }
    }
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
  writeFileSync(path.join(out, 'report.json'), JSON.stringify({ base, made, report }, null, 2));
  console.log(`${report.length} screenshots in ${out}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
