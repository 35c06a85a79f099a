/** Page paths of the admin module (most specific first). */
import type { RouteDef } from '../../router/router.js';
import { AdminPage } from './AdminPage.js';

export const adminRoutes: RouteDef[] = [{ path: '/admin/*', component: AdminPage }];
