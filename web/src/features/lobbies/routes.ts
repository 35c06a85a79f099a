/** Page paths of the lobbies module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { LobbiesPage } from './LobbiesPage.js';

export const lobbiesRoutes: RouteDef[] = [{ path: '/lobbies/*', component: LobbiesPage }];
