/**
 * Runs once before all test files: builds a migrated PGlite data folder and saves it as a tarball,
 * so each test file loads it in about a second instead of cold-starting and migrating PGlite.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { migrationsFolder, openDatabase } from '../../src/storage/database.js';

function migrationsHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(migrationsFolder, { recursive: true }).map(String).sort()) {
    const full = path.join(migrationsFolder, file);
    if (file.endsWith('.sql') || file.endsWith('.json')) hash.update(file).update(readFileSync(full));
  }
  return hash.digest('hex').slice(0, 16);
}

export default async function setup(): Promise<void> {
  const dir = path.join(os.tmpdir(), 'roomful-test');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `pglite-${migrationsHash()}.tar.gz`);
  process.env.ROOMFUL_PGLITE_SNAPSHOT = file;
  if (existsSync(file)) return;
  const client = await PGlite.create();
  const database = await openDatabase({ pglite: client });
  await database.migrate();
  const dump = await client.dumpDataDir('gzip');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await database.close();
}
