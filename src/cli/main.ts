/**
 * The `roomful` command. Every subcommand reads the same environment as the server (see
 * .env.example) and has --help.
 */
import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { TaskError } from '../features/admin/tasks.js';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { serve } from '../server/main.js';
import { version } from '../server/version.js';
import { openDatabase } from '../storage/database.js';
import { readServerNote } from '../features/admin/server-lock.js';
import { runTaskFromCli } from './run-task.js';

function config(): Config {
  // A .env file in the working directory fills in variables the environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  return loadConfig(process.env);
}

async function printTask(task: string, args: Record<string, string | number | boolean | undefined>) {
  console.log(await runTaskFromCli(config(), task, args));
}

const program = new Command()
  .name('roomful')
  .description('Roomful: one real-time server for live streams and online communities.')
  .version(version);

program
  .command('serve')
  .description('Run the server (HTTP, WebSocket, web app) on HOST:PORT; migrations run at start.')
  .action(async () => {
    await serve(config());
  });

program
  .command('migrate')
  .description('Apply pending database migrations (the server also does this at start).')
  .action(async () => {
    const cfg = config();
    const note = cfg.databaseUrl ? null : readServerNote(cfg.dataDir);
    if (note) {
      console.log(
        `A server is running on this data folder (${note.url}); it applied every migration at its start.`,
      );
      return;
    }
    const database = await openDatabase({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
    await database.migrate();
    await database.close();
    console.log(`Migrations applied (${database.kind}).`);
  });

program
  .command('create-superuser')
  .description('Create a staff superuser.')
  .requiredOption('--username <name>', 'login name')
  .option('--email <email>', 'email address')
  .option('--password <password>', 'password (default: $ROOMFUL_SUPERUSER_PASSWORD)')
  .action(async (opts: { username: string; email?: string; password?: string }) => {
    const password = opts.password ?? process.env.ROOMFUL_SUPERUSER_PASSWORD;
    if (!password) throw new TaskError('give --password or set ROOMFUL_SUPERUSER_PASSWORD');
    await printTask('create-superuser', { username: opts.username, email: opts.email, password });
  });

program
  .command('seed-demo')
  .description('Create the demo data (the testuser/testuser account and each module’s demo content).')
  .option('--clear', 'remove earlier demo data first')
  .action(async (opts: { clear?: boolean }) => printTask('seed-demo', { clear: Boolean(opts.clear) }));

program
  .command('expire-rooms')
  .description(
    'Expire watch rooms whose host did not return within the grace period (StreamIt expire_rooms).',
  )
  .action(async () => printTask('expire-rooms', {}));

program
  .command('cleanup-rooms')
  .description('Delete watch rooms with no activity for --hours hours (SyncPlay cleanup_rooms).')
  .option('--hours <n>', 'idle hours before a room is removed', '24')
  .option('--dry-run', 'only show what would be deleted')
  .action(async (opts: { hours: string; dryRun?: boolean }) =>
    printTask('cleanup-rooms', { hours: Number(opts.hours), dryRun: Boolean(opts.dryRun) }),
  );

program
  .command('outbox')
  .description('List the mails written to the local outbox (used when SMTP_URL is not set).')
  .action(async () => printTask('outbox', {}));

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof TaskError || err instanceof ConfigError) {
    console.error(`roomful: ${err.message}`);
  } else {
    console.error(err);
  }
  process.exit(1);
});
