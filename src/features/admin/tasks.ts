/**
 * Maintenance tasks shared by the CLI and the running server's CLI bridge: the CLI runs them on the
 * database directly, or asks a running server (embedded storage) to run them. Each returns the text
 * the CLI prints. Later modules add their tasks here (expire-rooms, cleanup-rooms...).
 */
import type { Config } from '../../server/config.js';
import type { Database } from '../../storage/database.js';
import { createUser, ensureDemoUser, findUserByUsername } from '../accounts/service.js';
import { listOutbox } from '../accounts/mailer.js';
import { cleanupRoomsTask, expireRoomsTask } from '../watch/tasks.js';
import { seedPollsDemo } from '../polls/demo.js';
import { seedRunsDemo } from '../runs/demo.js';
import { seedLobbiesDemo } from '../lobbies/demo.js';

export interface TaskDeps {
  database: Database;
  config: Config;
}

export type TaskArgs = Record<string, string | number | boolean | undefined>;

type Task = (deps: TaskDeps, args: TaskArgs) => Promise<string>;

export const tasks: Record<string, Task> = {
  'create-superuser': async ({ database }, args) => {
    const username = String(args.username ?? '');
    const password = String(args.password ?? '');
    if (!username || !password) throw new TaskError('--username and --password are required');
    if (await findUserByUsername(database.db, username))
      throw new TaskError(`user ${username} already exists`);
    const email = args.email ? String(args.email) : undefined;
    await createUser(database.db, {
      username,
      email,
      password,
      displayName: 'Admin',
      isStaff: true,
      isSuperuser: true,
    });
    return `Superuser ${username} created.`;
  },
  'seed-demo': async ({ database }, args) => {
    const lines: string[] = [];
    for (const seed of demoSeeders) lines.push(await seed(database, Boolean(args.clear)));
    return lines.join('\n');
  },
  'expire-rooms': async ({ database, config }) => expireRoomsTask(database, config),
  'cleanup-rooms': async ({ database, config }, args) =>
    cleanupRoomsTask(
      database,
      config,
      args.hours === undefined ? 24 : Number(args.hours),
      Boolean(args.dryRun),
    ),
  outbox: async ({ config }) => {
    const mails = await listOutbox(config.dataDir);
    if (mails.length === 0) return 'The outbox is empty.';
    return mails.map((m) => `${m.date}  ${m.to}  ${m.subject}  (${m.file})`).join('\n');
  },
};

/** Demo data per module; each is idempotent and, with `clear`, first removes what it made before. */
const demoSeeders: ((database: Database, clear: boolean) => Promise<string>)[] = [
  async (database) => {
    const created = await ensureDemoUser(database.db);
    return created ? 'Demo user testuser/testuser created.' : 'Demo user testuser exists.';
  },
  seedPollsDemo,
  seedRunsDemo,
  seedLobbiesDemo,
];

/** A task failure meant for the user (printed without a stack trace, exit code 1). */
export class TaskError extends Error {}

export async function runTask(name: string, deps: TaskDeps, args: TaskArgs): Promise<string> {
  const task = tasks[name];
  if (!task) throw new TaskError(`unknown task ${name}`);
  return task(deps, args);
}
