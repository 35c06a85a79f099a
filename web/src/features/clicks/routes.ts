/** Page paths of the clicks module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { ClicksPage } from './ClicksPage.js';
import { ClicksOverlayPage } from './OverlayPage.js';
import { StatsPage } from './StatsPage.js';

export const clicksRoutes: RouteDef[] = [
  { path: '/clicks/stats/', component: StatsPage },
  { path: '/overlay/clicks/', component: ClicksOverlayPage, bare: true },
  { path: '/clicks/*', component: ClicksPage },
];
