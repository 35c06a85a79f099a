/**
 * The one typed configuration object. Defaults live here; `loadConfig` reads the environment with
 * the usual names and fails start-up with one clear message per bad variable. Tests build configs
 * with `buildConfig({...overrides})` instead of touching `process.env`.
 */
import path from 'node:path';
import { z } from 'zod';

const bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', 'on', 'off', ''])
  .transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const seconds = z.coerce.number().int().positive();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Environment variable -> config field, with its default and a one-line description (see .env.example). */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(8000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must start with redis:// or rediss://')
    .optional(),
  REDIS_PREFIX: z.string().min(1).max(50).default('rf:'),
  PRESENCE_TTL_SECONDS: seconds.default(15),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL: seconds.default(300),
  REFRESH_TOKEN_TTL: seconds.default(7 * 24 * 3600),
  PASSWORD_RESET_TTL: seconds.default(3600),
  CORS_ORIGINS: z.string().default(''),
  PUBLIC_URL: z.string().url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  MAIL_FROM: z.string().default('Roomful <no-reply@roomful.local>'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BODY_LIMIT: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  WS_MAX_PAYLOAD: z.coerce
    .number()
    .int()
    .positive()
    .default(64 * 1024),
  WS_SEND_QUEUE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  WS_HEARTBEAT_SECONDS: seconds.default(30),
  RECOVERY_WINDOW: z.coerce.number().int().positive().default(500),
  LOGIN_MAX_PER_IP: z.coerce.number().int().positive().default(30),
  LOGIN_MAX_PER_ACCOUNT: z.coerce.number().int().positive().default(10),
  LOGIN_WINDOW_SECONDS: seconds.default(300),
  TRUST_PROXY: bool.default(false),
  CLICKS_TIME_ZONE: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as UTC or Europe/Berlin')
    .default('UTC'),
  CLICKS_PER_SECOND: z.coerce.number().positive().default(15),
  CLICKS_BURST: z.coerce.number().int().positive().default(30),
  CLICKS_PER_ADDRESS_PER_SECOND: z.coerce.number().int().positive().default(150),
  CLICKS_BATCH_MS: z.coerce.number().int().min(1).max(5000).default(50),
  WATCH_GRACE_SECONDS: seconds.default(30),
  WATCH_SWEEP_MS: z.coerce.number().int().min(50).default(5000),
  WATCH_READY_TIMEOUT_MS: z.coerce.number().int().min(0).default(5000),
  WATCH_COMMAND_LEAD_MS: z.coerce.number().int().min(0).max(5000).default(300),
  POLLS_VOTES_PER_CONNECTION: z.coerce.number().int().positive().default(20),
  POLLS_VOTES_PER_SECOND: z.coerce.number().int().min(0).default(2),
  POLLS_VOTES_PER_ADDRESS: z.coerce.number().int().min(0).default(600),
  POLLS_LIMIT_LOOPBACK: bool.default(false),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** PostgreSQL URL; when absent the embedded PGlite database lives in `dataDir/db`. */
  databaseUrl: string | undefined;
  /** Redis URL; when absent the bus, presence and ephemeral store live in process memory. */
  redisUrl: string | undefined;
  /** Prefix of every Redis key and channel (several deployments may share one Redis). */
  redisPrefix: string;
  /** A process that has not heartbeated for this long counts as dead; its presence entries vanish. */
  presenceTtlSeconds: number;
  /** HS256 secret; when absent one is generated once and stored in the database. */
  jwtSecret: string | undefined;
  accessTokenTtl: number;
  refreshTokenTtl: number;
  passwordResetTtl: number;
  corsOrigins: string[];
  /** Base URL used in mails (reset links); defaults to http://HOST:PORT. */
  publicUrl: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  logLevel: string;
  bodyLimit: number;
  wsMaxPayload: number;
  wsSendQueueBytes: number;
  wsHeartbeatSeconds: number;
  recoveryWindow: number;
  loginMaxPerIp: number;
  loginMaxPerAccount: number;
  loginWindowSeconds: number;
  trustProxy: boolean;
  /** Click wall: the day (click_count_today, latest_clicks) rolls over at midnight in this IANA zone. */
  clicksTimeZone: string;
  /** Click wall: per-connection token bucket refill rate (clicks per second)... */
  clicksPerSecond: number;
  /** ...and its capacity (a burst of this many clicks is allowed at once). */
  clicksBurst: number;
  /** Click wall: clicks per second from one client address, across every process. */
  clicksPerAddressPerSecond: number;
  /** Click wall: clicks are written in batches at most this many ms apart (broadcast once stored). */
  clicksBatchMs: number;
  /** Watch rooms: how long a room waits for its host after the host disconnects (StreamIt: 30 s). */
  watchGraceSeconds: number;
  /** Watch rooms: period of the one shared sweep that expires rooms and ends ready deadlines. */
  watchSweepMs: number;
  /** Watch rooms: how long a PLAY waits for buffering viewers before it starts anyway. */
  watchReadyTimeoutMs: number;
  /** Watch rooms: PLAY and SEEK start this far in the future so every player starts together. */
  watchCommandLeadMs: number;
  /** Polls: votes one connection may cast at once (token bucket capacity)... */
  pollsVotesPerConnection: number;
  /** ...refilled at this many votes per second (0: the burst is all a connection gets). */
  pollsVotesPerSecond: number;
  /** Polls: votes per minute from one client address across processes (0 turns the limit off). */
  pollsVotesPerAddress: number;
  /** Polls: apply the per-address limit to loopback clients too (off: local load tests, one-machine setups). */
  pollsLimitLoopback: boolean;
  /** Where the web app's built files are; the server serves them when the folder exists. */
  webDist: string;
}

export class ConfigError extends Error {}

/** Reads and validates the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  return buildConfig({
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    presenceTtlSeconds: e.PRESENCE_TTL_SECONDS,
    jwtSecret: e.JWT_SECRET,
    accessTokenTtl: e.ACCESS_TOKEN_TTL,
    refreshTokenTtl: e.REFRESH_TOKEN_TTL,
    passwordResetTtl: e.PASSWORD_RESET_TTL,
    corsOrigins: e.CORS_ORIGINS.split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    publicUrl: e.PUBLIC_URL ?? `http://${e.HOST}:${e.PORT}`,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    logLevel: e.LOG_LEVEL,
    bodyLimit: e.BODY_LIMIT,
    wsMaxPayload: e.WS_MAX_PAYLOAD,
    wsSendQueueBytes: e.WS_SEND_QUEUE_BYTES,
    wsHeartbeatSeconds: e.WS_HEARTBEAT_SECONDS,
    recoveryWindow: e.RECOVERY_WINDOW,
    loginMaxPerIp: e.LOGIN_MAX_PER_IP,
    loginMaxPerAccount: e.LOGIN_MAX_PER_ACCOUNT,
    loginWindowSeconds: e.LOGIN_WINDOW_SECONDS,
    trustProxy: e.TRUST_PROXY,
    clicksTimeZone: e.CLICKS_TIME_ZONE,
    clicksPerSecond: e.CLICKS_PER_SECOND,
    clicksBurst: e.CLICKS_BURST,
    clicksPerAddressPerSecond: e.CLICKS_PER_ADDRESS_PER_SECOND,
    clicksBatchMs: e.CLICKS_BATCH_MS,
    watchGraceSeconds: e.WATCH_GRACE_SECONDS,
    watchSweepMs: e.WATCH_SWEEP_MS,
    watchReadyTimeoutMs: e.WATCH_READY_TIMEOUT_MS,
    watchCommandLeadMs: e.WATCH_COMMAND_LEAD_MS,
    pollsVotesPerConnection: e.POLLS_VOTES_PER_CONNECTION,
    pollsVotesPerSecond: e.POLLS_VOTES_PER_SECOND,
    pollsVotesPerAddress: e.POLLS_VOTES_PER_ADDRESS,
    pollsLimitLoopback: e.POLLS_LIMIT_LOOPBACK,
  });
}

const defaults: Config = {
  port: 8000,
  host: '127.0.0.1',
  dataDir: path.resolve('./data'),
  databaseUrl: undefined,
  redisUrl: undefined,
  redisPrefix: 'rf:',
  presenceTtlSeconds: 15,
  jwtSecret: undefined,
  accessTokenTtl: 300,
  refreshTokenTtl: 7 * 24 * 3600,
  passwordResetTtl: 3600,
  corsOrigins: [],
  publicUrl: 'http://127.0.0.1:8000',
  smtpUrl: undefined,
  mailFrom: 'Roomful <no-reply@roomful.local>',
  logLevel: 'info',
  bodyLimit: 1024 * 1024,
  wsMaxPayload: 64 * 1024,
  wsSendQueueBytes: 4 * 1024 * 1024,
  wsHeartbeatSeconds: 30,
  recoveryWindow: 500,
  loginMaxPerIp: 30,
  loginMaxPerAccount: 10,
  loginWindowSeconds: 300,
  trustProxy: false,
  clicksTimeZone: 'UTC',
  clicksPerSecond: 15,
  clicksBurst: 30,
  clicksPerAddressPerSecond: 150,
  clicksBatchMs: 50,
  watchGraceSeconds: 30,
  watchSweepMs: 5000,
  watchReadyTimeoutMs: 5000,
  watchCommandLeadMs: 300,
  pollsVotesPerConnection: 20,
  pollsVotesPerSecond: 2,
  pollsVotesPerAddress: 600,
  pollsLimitLoopback: false,
  webDist: path.resolve('web/dist'),
};

/** A full config from defaults plus overrides (used by tests and by loadConfig). */
export function buildConfig(overrides: Partial<Config> = {}): Config {
  return { ...defaults, ...overrides };
}
