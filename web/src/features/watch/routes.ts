/** Page paths of the watch module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { WatchPage } from './WatchPage.js';

export const watchRoutes: RouteDef[] = [{ path: '/rooms/*', component: WatchPage }];
