/** Page paths of the admin module (most specific first); every page is staff only. */
import type { RouteDef } from '../../router/router.js';
import { AuditPage } from './AuditPage.js';
import { BansPage } from './BansPage.js';
import { DashboardPage } from './DashboardPage.js';
import { LobbiesPage } from './LobbiesPage.js';
import { LogsPage } from './LogsPage.js';
import { LobbyMessagesPage, RoomMessagesPage } from './MessagesPage.js';
import { PollsPage } from './PollsPage.js';
import { RoomsPage } from './RoomsPage.js';
import { RunsPage } from './RunsPage.js';
import { UsersPage } from './UsersPage.js';

export const adminRoutes: RouteDef[] = [
  { path: '/admin/users/', component: UsersPage },
  { path: '/admin/rooms/:id/messages/', component: RoomMessagesPage },
  { path: '/admin/rooms/', component: RoomsPage },
  { path: '/admin/lobbies/:id/messages/', component: LobbyMessagesPage },
  { path: '/admin/lobbies/', component: LobbiesPage },
  { path: '/admin/bans/', component: BansPage },
  { path: '/admin/logs/', component: LogsPage },
  { path: '/admin/polls/', component: PollsPage },
  { path: '/admin/runs/', component: RunsPage },
  { path: '/admin/audit/', component: AuditPage },
  { path: '/admin/*', component: DashboardPage },
];
