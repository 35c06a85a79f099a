/** Page paths of the lobbies module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { LobbiesPage } from './LobbiesPage.js';
import { LobbyPage } from './LobbyPage.js';

export const lobbiesRoutes: RouteDef[] = [
  { path: '/lobbies/:id/', component: LobbyPage },
  { path: '/lobbies/', component: LobbiesPage },
];
