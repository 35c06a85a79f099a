/** Page paths of the polls module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { PollsPage } from './PollsPage.js';

export const pollsRoutes: RouteDef[] = [{ path: '/polls/*', component: PollsPage }];
