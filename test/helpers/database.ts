/** Databases for tests: a PGlite loaded from the migrated snapshot, or a fresh PostgreSQL database. */
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { openDatabase, type Database } from '../../src/storage/database.js';
import { freshPostgresDatabase } from './services.js';

/** An in-memory PGlite with every migration applied (loaded from the global-setup snapshot). */
export async function pgliteTestDatabase(): Promise<Database> {
  const file = process.env.ROOMFUL_PGLITE_SNAPSHOT;
  const client = file
    ? await PGlite.create({ loadDataDir: new Blob([readFileSync(file)]) })
    : await PGlite.create();
  const database = await openDatabase({ pglite: client });
  await database.migrate();
  return database;
}

/** A migrated PostgreSQL database of its own; `close` also drops it. */
export async function postgresTestDatabase(): Promise<Database & { url: string }> {
  const fresh = await freshPostgresDatabase();
  const database = await openDatabase({ databaseUrl: fresh.url, maxConnections: 5 });
  await database.migrate();
  return {
    ...database,
    db: database.db,
    kind: database.kind,
    url: fresh.url,
    migrate: () => database.migrate(),
    ping: () => database.ping(),
    close: async () => {
      await database.close();
      await fresh.drop();
    },
  };
}
