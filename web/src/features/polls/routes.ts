/** Page paths of the polls module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { CreatePollPage } from './CreatePollPage.js';
import { ModeratorPage } from './ModeratorPage.js';
import { OverlayBuilderPage } from './OverlayBuilderPage.js';
import { OverlayPage } from './OverlayPage.js';
import { ViewerPage } from './ViewerPage.js';

export const pollsRoutes: RouteDef[] = [
  { path: '/polls/create/', component: CreatePollPage },
  { path: '/polls/', component: CreatePollPage },
  { path: '/polls/m/:token/', component: ModeratorPage },
  { path: '/polls/v/:token/', component: ViewerPage },
  { path: '/polls/o/:token/builder/', component: OverlayBuilderPage },
  { path: '/polls/o/:token/', component: OverlayPage, bare: true },
];
