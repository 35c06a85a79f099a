/** The one drizzle schema of Roomful: every feature's tables, re-exported for the migration history. */
export * from './accounts.js';
export * from './system.js';
