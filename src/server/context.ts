/** What every feature receives when it registers: the composition root's shared services. */
import type { FastifyBaseLogger } from 'fastify';
import type { Gateway } from '../gateway/gateway.js';
import type { Hub } from '../gateway/hub.js';
import type { Clock, Realtime } from '../realtime/index.js';
import type { Database } from '../storage/database.js';
import type { Config } from './config.js';
import type { Metrics } from './metrics.js';
import type { TokenService } from '../features/accounts/tokens.js';

export interface AppContext {
  config: Config;
  database: Database;
  realtime: Realtime;
  clock: Clock;
  metrics: Metrics;
  log: FastifyBaseLogger;
  /** Issues and verifies JWTs (access, refresh) for every module. */
  tokens: TokenService;
  /** Registers WebSocket endpoints. */
  gateway: Gateway;
  /** Topic fan-out to local sockets and other processes, with sequence numbers and recovery. */
  hub: Hub;
  /** Set by `serve` when it owns the embedded database: the token the CLI bridge accepts. */
  cliBridgeToken: string | null;
}
