/** Page paths of the clicks module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { ClicksPage } from './ClicksPage.js';

export const clicksRoutes: RouteDef[] = [{ path: '/clicks/*', component: ClicksPage }];
