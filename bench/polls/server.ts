/**
 * Vote-storm server: the real Roomful app (every module, polls included) over an in-memory PGlite
 * and the in-process bus. Runs as a child of `npm run bench`.
 */
import { startRoomful } from '../lib/roomful-app.js';
import { serveChild } from '../lib/server-child.js';

serveChild(() => startRoomful());
