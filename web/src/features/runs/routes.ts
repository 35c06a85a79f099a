/** Page paths of the runs module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { RunsPage } from './RunsPage.js';

export const runsRoutes: RouteDef[] = [
  { path: '/runs/*', component: RunsPage },
  { path: '/dashboard/', component: RunsPage },
  { path: '/overlay/runs/*', component: RunsPage },
];
