/**
 * Starts a server from the environment and stops it gracefully on SIGTERM/SIGINT: sockets get
 * GOING_AWAY, in-flight requests and close handlers finish, then storage closes.
 */
import type { Config } from './config.js';
import { buildApp } from './app.js';

export async function serve(config: Config): Promise<() => Promise<void>> {
  const { app } = await buildApp({ config, processMetrics: true });
  await app.listen({ port: config.port, host: config.host });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= app.close());
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
