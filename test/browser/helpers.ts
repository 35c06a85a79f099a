/**
 * Browser test helpers: build the web app once (when web/dist is missing or older than its
 * sources), boot a real server that serves it, and drive Debian's Chromium with playwright-core.
 * Browsers are never downloaded (no `npx playwright install`): CI installs the `chromium` package
 * with scripts/ensure-chromium.sh. Without /usr/bin/chromium the suites skip locally and fail on CI.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestServer, type TestServer, type TestServerOptions } from '../helpers/server.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const webDir = path.join(root, 'web');
export const webDist = path.join(webDir, 'dist');

export const CHROMIUM_PATH = process.env.ROOMFUL_CHROMIUM ?? '/usr/bin/chromium';
const chromiumPresent = existsSync(CHROMIUM_PATH);
const onCi = process.env.CI === 'true' || process.env.CI === '1';

/** Run the browser suites: Chromium is installed. */
export const browserAvailable = chromiumPresent;
/** Chromium is missing where it must not be: the suite reports one failing test instead of skipping. */
export const browserMissingOnCi = !chromiumPresent && onCi;
export const missingChromiumMessage = `${CHROMIUM_PATH} is missing: run scripts/ensure-chromium.sh (apt-get install chromium)`;

/** Newest modification time under `dir` (files only; node_modules and dist skipped). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function distIsFresh(): boolean {
  const index = path.join(webDist, 'index.html');
  if (!existsSync(index)) return false;
  const sources = Math.max(newestMtime(webDir), newestMtime(path.join(root, 'src/protocol')));
  return statSync(index).mtimeMs >= sources;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Builds web/dist unless it is up to date. A lock folder keeps two test workers from building at
 * once (the second waits for the first); a lock older than two minutes is considered abandoned.
 */
export async function ensureWebBuilt(): Promise<string> {
  if (distIsFresh()) return webDist;
  const lock = path.join(os.tmpdir(), 'roomful-test', 'web-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  const deadline = Date.now() + 180_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > 120_000)
        rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error('timed out waiting for another worker to build web/dist');
      await sleep(250);
    }
  }
  try {
    if (!distIsFresh()) {
      const vite = path.join(root, 'node_modules/vite/bin/vite.js');
      execFileSync(
        process.execPath,
        [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
        {
          cwd: root,
          stdio: 'inherit',
        },
      );
    }
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  return webDist;
}

/** A real server (port 0) that serves the built web app. */
export async function startWebServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dist = await ensureWebBuilt();
  return startTestServer({ ...options, config: { webDist: dist, ...options.config } });
}

export interface TestBrowser {
  context: BrowserContext;
  /** A new tab that records page errors and console errors into `errors`. */
  newPage(): Promise<Page>;
  errors: string[];
  close(): Promise<void>;
}

/** Debian's Chromium, headless, with a fresh profile folder that is removed on close. */
export async function launchBrowser(): Promise<TestBrowser> {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'roomful-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
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
  const errors: string[] = [];
  return {
    context,
    errors,
    async newPage() {
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
      page.on('console', (message) => {
        // Failed requests the page expects (a 401 before a refresh, say) also log console errors;
        // only script errors are collected here.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          errors.push(`console: ${message.text()}`);
        }
      });
      return page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
