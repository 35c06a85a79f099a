/**
 * The embedded database is single-process, so a running server leaves a note in its data folder
 * (`server.json`: pid, URL, a random token for its CLI bridge). CLI commands that find a live note
 * send their work to that server instead of opening the database themselves.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';

export interface ServerNote {
  pid: number;
  url: string;
  token: string;
}

const noteFile = (dataDir: string) => path.join(dataDir, 'server.json');

/** Writes the note for this process (mode 0600: the token lets a local CLI run admin tasks). */
export function writeServerNote(dataDir: string, url: string): ServerNote {
  mkdirSync(dataDir, { recursive: true });
  const note: ServerNote = { pid: process.pid, url, token: randomBytes(24).toString('base64url') };
  writeFileSync(noteFile(dataDir), JSON.stringify(note), { mode: 0o600 });
  return note;
}

export function removeServerNote(dataDir: string, note: ServerNote): void {
  const current = readServerNote(dataDir);
  if (current?.token === note.token) rmSync(noteFile(dataDir), { force: true });
}

/** The note of a server that is still alive, or null (a stale note of a dead process is ignored). */
export function readServerNote(dataDir: string): ServerNote | null {
  const file = noteFile(dataDir);
  if (!existsSync(file)) return null;
  try {
    const note = JSON.parse(readFileSync(file, 'utf8')) as ServerNote;
    process.kill(note.pid, 0);
    return note;
  } catch {
    return null;
  }
}
