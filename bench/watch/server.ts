/**
 * Watch-room bench server: the real Roomful app (every module) over an in-memory PGlite and the
 * in-process bus. Runs as a child of `npm run bench`. Overrides: a larger per-socket send queue,
 * because the join storm sends every member a ROOM_PARTICIPANTS frame per joiner (StreamIt's
 * protocol), and a sweep that does not run during the measurement.
 */
import { startRoomful } from '../lib/roomful-app.js';
import { serveChild } from '../lib/server-child.js';

serveChild(() => startRoomful({ wsSendQueueBytes: 64 * 1024 * 1024, watchSweepMs: 60_000 }));
