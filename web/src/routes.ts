/**
 * Every page path, first match wins. Each module lists its own paths in
 * features/<name>/routes.ts, so building a module means editing only its folder.
 */
import { accountsRoutes } from './features/accounts/routes.js';
import { adminRoutes } from './features/admin/routes.js';
import { clicksRoutes } from './features/clicks/routes.js';
import { lobbiesRoutes } from './features/lobbies/routes.js';
import { pollsRoutes } from './features/polls/routes.js';
import { runsRoutes } from './features/runs/routes.js';
import { watchRoutes } from './features/watch/routes.js';
import { HomePage } from './pages/HomePage.js';
import type { RouteDef } from './router/router.js';

export const routes: RouteDef[] = [
  { path: '/', component: HomePage },
  ...accountsRoutes,
  ...runsRoutes,
  ...pollsRoutes,
  ...watchRoutes,
  ...lobbiesRoutes,
  ...clicksRoutes,
  ...adminRoutes,
];
