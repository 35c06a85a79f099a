/**
 * Starts a server from a config and stops it gracefully on SIGTERM/SIGINT: sockets get GOING_AWAY,
 * in-flight requests and close handlers finish, then storage closes. With the embedded database the
 * server leaves a note in the data folder so CLI commands go through it.
 */
import { removeServerNote, writeServerNote } from '../features/admin/server-lock.js';
import type { Config } from './config.js';
import { buildApp } from './app.js';

export async function serve(config: Config): Promise<() => Promise<void>> {
  const { app, ctx } = await buildApp({ config, processMetrics: true });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = address && typeof address === 'object' ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  const note = config.databaseUrl ? null : writeServerNote(config.dataDir, url);
  ctx.cliBridgeToken = note?.token ?? null;
  app.log.info({ url, database: ctx.database.kind, realtime: ctx.realtime.kind }, 'Roomful is listening');

  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= app.close().finally(() => {
      if (note) removeServerNote(config.dataDir, note);
    }));
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      app.log.info({ signal }, 'shutting down');
      void stop().then(
        () => process.exit(0),
        (err: unknown) => {
          app.log.error({ err }, 'shutdown failed');
          process.exit(1);
        },
      );
    });
  }
  return stop;
}
