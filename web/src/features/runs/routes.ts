/** Page paths of the runs module (Wiperino's paths first; most specific first). */
import type { RouteDef } from '../../router/router.js';
import { CreateRunPage } from './CreateRunPage.js';
import { OverlayBuilderPage } from './OverlayBuilderPage.js';
import { TimerOverlayPage, WipeOverlayPage } from './OverlayPage.js';
import { RunPage } from './RunPage.js';
import { RunsListPage } from './RunsListPage.js';
import { StatsPage } from './StatsPage.js';

export const runsRoutes: RouteDef[] = [
  { path: '/dashboard/', component: RunsListPage },
  { path: '/runs/', component: RunsListPage },
  { path: '/runs/create/', component: CreateRunPage },
  { path: '/runs/:id/stats/', component: StatsPage },
  { path: '/runs/:id/overlay-builder/', component: OverlayBuilderPage },
  { path: '/runs/:id/', component: RunPage },
  { path: '/overlay/runs/:id/timer/', component: TimerOverlayPage, bare: true },
  { path: '/overlay/runs/:id/', component: WipeOverlayPage, bare: true },
];
