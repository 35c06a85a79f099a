#!/usr/bin/env node
// `npm test`: builds the web app when needed (browser tests serve it), runs every vitest suite, then
// prints the counts per suite folder and one closing line `N passed, N failed, N skipped`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const report = path.join(root, 'test-results', 'vitest.json');
mkdirSync(path.dirname(report), { recursive: true });

if (!existsSync(path.join(root, 'web/dist/index.html')) || process.env.CI === 'true') {
  const build = spawnSync('npm', ['run', 'build:web', '--silent'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const args = [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
];
const run = spawnSync('npx', args, { cwd: root, stdio: 'inherit' });

let counts = { passed: 0, failed: 0, skipped: 0 };
const bySuite = new Map();
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  for (const file of json.testResults ?? []) {
    const rel = path.relative(root, file.name);
    const suite = rel.startsWith('test/')
      ? rel.split('/').slice(0, 2).join('/')
      : rel.split('/')[0] + ' (unit)';
    const entry = bySuite.get(suite) ?? { passed: 0, failed: 0, skipped: 0 };
    for (const t of file.assertionResults ?? []) {
      const key = t.status === 'passed' ? 'passed' : t.status === 'failed' ? 'failed' : 'skipped';
      entry[key] += 1;
      counts[key] += 1;
    }
    if ((file.assertionResults ?? []).length === 0 && file.status === 'failed') {
      entry.failed += 1;
      counts.failed += 1;
    }
    bySuite.set(suite, entry);
  }
} catch (err) {
  console.error(`could not read the test report: ${err.message}`);
  process.exit(run.status || 1);
}

console.log('\nTest counts by suite:');
for (const [suite, c] of [...bySuite].sort()) {
  console.log(`  ${suite.padEnd(28)} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped`);
}
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(run.status !== 0 ? run.status || 1 : counts.failed > 0 ? 1 : 0);
