/**
 * `npm run bench [-- scenario...]`: runs the named scenarios (all when none is named), prints each
 * one's markdown table, writes bench/results/<scenario>-<date>.json and bench/results/latest.md.
 * New benchmarks (watch PLAY/SEEK fan-out, vote storm, click storm) are added to `scenarios`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { clicks } from './clicks/scenario.js';
import { fanout } from './fanout/scenario.js';
import { polls } from './polls/scenario.js';
import { watch } from './watch/scenario.js';
import type { Scenario, ScenarioResult } from './lib/scenario.js';

const scenarios: Scenario[] = [fanout, clicks, polls, watch];

const resultsDir = fileURLToPath(new URL('./results/', import.meta.url));

function usage(): string {
  return [
    'usage: npm run bench [-- <scenario>...]   (no scenario: run all)',
    ...scenarios.map((s) => `  ${s.name.padEnd(10)} ${s.description}`),
    'Knobs are environment variables; see bench/README.md.',
  ].join('\n');
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
  };
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(usage());
    return 0;
  }
  const unknown = args.filter((a) => !scenarios.some((s) => s.name === a));
  if (unknown.length > 0) {
    console.error(`unknown scenario: ${unknown.join(', ')}\n${usage()}`);
    return 2;
  }
  const selected = args.length === 0 ? scenarios : scenarios.filter((s) => args.includes(s.name));
  mkdirSync(resultsDir, { recursive: true });
  const date = new Date();
  const stamp = date
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replaceAll(':', '-');
  const env = machine();
  const results: ScenarioResult[] = [];
  for (const scenario of selected) {
    const started = Date.now();
    const result = await scenario.run((line) => console.log(line));
    const seconds = Math.round((Date.now() - started) / 100) / 10;
    results.push(result);
    const file = `${resultsDir}${scenario.name}-${stamp}.json`;
    writeFileSync(
      file,
      `${JSON.stringify({ date: date.toISOString(), seconds, machine: env, ...result }, null, 2)}\n`,
    );
    console.log(`\n## ${result.title}\n\n${result.markdown}\n\n(${seconds} s; ${file})\n`);
  }
  const header = [
    `# Benchmark results (${date.toISOString()})`,
    '',
    `Node ${String(env.node)}, ${String(env.cores)} x ${String(env.cpu)}, ${String(env.platform)}. ` +
      'Compare ratios within one run, not absolute numbers across runs (see bench/README.md).',
  ].join('\n');
  const sections = results.map((r) => `## ${r.title}\n\n${r.markdown}`);
  writeFileSync(`${resultsDir}latest.md`, `${[header, ...sections].join('\n\n')}\n`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
    // Everything is closed by now; this only guards against a stray handle keeping node alive.
    setTimeout(() => process.exit(process.exitCode ?? 0), 3000).unref();
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
