/** What every benchmark scenario provides to bench/run.ts. */

export interface ScenarioResult {
  /** Short name, also the results file prefix (`bench/results/<name>-<date>.json`). */
  name: string;
  title: string;
  /** The load and settings this run used. */
  params: Record<string, unknown>;
  /** One entry per server or variant, with raw numbers (for the JSON file). */
  rows: Record<string, unknown>[];
  /** Every repetition when a scenario runs several rounds (the JSON file keeps them all). */
  rounds?: Record<string, unknown[]> | undefined;
  /** The table and notes for the console and bench/results/latest.md. */
  markdown: string;
}

export interface Scenario {
  name: string;
  title: string;
  /** One line for `npm run bench -- --help`. */
  description: string;
  run(log: (line: string) => void): Promise<ScenarioResult>;
}
