/** The one drizzle schema of Roomful: every feature's tables, re-exported for the migration history. */
export * from './accounts.js';
export * from './system.js';
export * from './watch.js';
export * from './chat.js';
export * from './runs.js';
export * from './polls.js';
export * from './clicks.js';
export * from './lobbies.js';
export * from './admin.js';
