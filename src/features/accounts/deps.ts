/** What the accounts services need from the composition root, gathered once at registration. */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../server/config.js';
import type { Clock } from '../../realtime/clock.js';
import type { EphemeralStore } from '../../realtime/ephemeral.js';
import type { Db } from '../../storage/database.js';
import type { Mailer } from './mailer.js';
import type { TokenService } from './tokens.js';

export interface AccountsDeps {
  db: Db;
  tokens: TokenService;
  /** Shared ephemeral store (login throttles), the same across processes when Redis is configured. */
  store: EphemeralStore;
  clock: Clock;
  config: Config;
  mailer: Mailer;
  log: FastifyBaseLogger;
}

/** The injected clock's time as a Date (for timestamps and expiry checks). */
export function now(deps: Pick<AccountsDeps, 'clock'>): Date {
  return new Date(deps.clock.now());
}
