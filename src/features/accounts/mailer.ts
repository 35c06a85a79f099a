/**
 * Outgoing mail. With `SMTP_URL` set, mails go out through nodemailer's SMTP transport; otherwise each
 * mail is written as one JSON file to `<DATA_DIR>/outbox/`, so a fresh install can reset passwords
 * without a mail server (the CLI lists the outbox; tests read it).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../server/config.js';

/** A plain-text mail. */
export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** A mail as stored in the outbox folder. */
export interface OutboxMail extends Mail {
  /** File name inside the outbox folder. */
  file: string;
  from: string;
  /** ISO 8601 time the mail was written. */
  date: string;
}

export interface Mailer {
  send(mail: Mail): Promise<void>;
  close(): Promise<void>;
}

/** The outbox folder of a data directory. */
export function outboxDir(dataDir: string): string {
  return path.join(dataDir, 'outbox');
}

/** Writes each mail to its own file in the outbox folder. */
export class OutboxMailer implements Mailer {
  constructor(
    private readonly dir: string,
    private readonly from: string,
    private readonly now: () => number = Date.now,
  ) {}

  async send(mail: Mail): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const date = new Date(this.now()).toISOString();
    // Sortable by time, unique by the random suffix even for two mails in one millisecond.
    const file = `${date.replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.json`;
    const body: Omit<OutboxMail, 'file'> = {
      from: this.from,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      date,
    };
    // Write then rename, so a reader listing the folder never sees half a file.
    const temporary = path.join(this.dir, `.${file}.tmp`);
    await writeFile(temporary, `${JSON.stringify(body, null, 2)}\n`, { mode: 0o600 });
    await rename(temporary, path.join(this.dir, file));
  }

  async close(): Promise<void> {}
}

/** Sends through an SMTP server given as a URL (`smtp://user:pass@host:587`, `smtps://...`). */
export class SmtpMailer implements Mailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl);
  }

  async send(mail: Mail): Promise<void> {
    await this.transport.sendMail({ from: this.from, to: mail.to, subject: mail.subject, text: mail.text });
  }

  async close(): Promise<void> {
    this.transport.close();
  }
}

/** The mailer the config asks for: SMTP when `smtpUrl` is set, else the outbox folder. */
export function createMailer(config: Config, now?: () => number): Mailer {
  if (config.smtpUrl) return new SmtpMailer(config.smtpUrl, config.mailFrom);
  return new OutboxMailer(outboxDir(config.dataDir), config.mailFrom, now);
}

/**
 * Every mail in `<dataDir>/outbox/`, oldest first (for the CLI and tests). A missing folder is an
 * empty outbox; unreadable files are skipped rather than failing the listing.
 */
export async function listOutbox(dataDir: string): Promise<OutboxMail[]> {
  const dir = outboxDir(dataDir);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const mails: OutboxMail[] = [];
  for (const file of names.filter((name) => name.endsWith('.json') && !name.startsWith('.')).sort()) {
    try {
      const data = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Omit<OutboxMail, 'file'>;
      mails.push({ ...data, file });
    } catch {
      // A file someone else dropped there, or one being written by hand: not a mail of ours.
    }
  }
  return mails;
}
