/** Page paths of the watch module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { RoomPage } from './RoomPage.js';
import { RoomsPage } from './RoomsPage.js';

export const watchRoutes: RouteDef[] = [
  { path: '/rooms/:code/', component: RoomPage },
  { path: '/rooms/', component: RoomsPage },
];
