/**
 * Runs a maintenance task the right way for this deployment: through a running server that owns the
 * embedded database (its note in DATA_DIR), else directly on the database.
 */
import { readServerNote } from '../features/admin/server-lock.js';
import { runTask, TaskError, type TaskArgs } from '../features/admin/tasks.js';
import type { Config } from '../server/config.js';
import { openDatabase } from '../storage/database.js';

export async function runTaskFromCli(config: Config, task: string, args: TaskArgs): Promise<string> {
  const note = config.databaseUrl ? null : readServerNote(config.dataDir);
  if (note) return runThroughServer(note.url, note.token, task, args);
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await database.migrate();
    return await runTask(task, { database, config }, args);
  } finally {
    await database.close();
  }
}

async function runThroughServer(url: string, token: string, task: string, args: TaskArgs): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/internal/cli/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-roomful-cli-token': token },
      body: JSON.stringify({
        task,
        args: Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)),
      }),
    });
  } catch (err) {
    throw new TaskError(
      `a Roomful server is running on this data folder (${url}) but does not answer (${(err as Error).message}); ` +
        'the embedded database is single-process, so stop that server or wait until it answers',
    );
  }
  const body = (await response.json().catch(() => ({}))) as {
    output?: string;
    error?: string;
    detail?: string;
  };
  if (!response.ok) throw new TaskError(body.error ?? body.detail ?? `server answered ${response.status}`);
  return `${body.output ?? ''}\n(run by the server at ${url}, which owns the embedded database)`;
}
