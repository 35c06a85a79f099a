/** The modules the home page and the header lead to, in display order. */

export interface ModuleInfo {
  key: 'runs' | 'polls' | 'watch' | 'lobbies' | 'clicks' | 'admin';
  name: string;
  href: string;
  description: string;
  /** Path prefixes of the module's pages, for the header's current-page mark (default: href). */
  sections?: readonly string[];
  /** Shown in the header only to staff (the home page lists it for everyone). */
  staffOnly?: boolean;
}

export const MODULES: readonly ModuleInfo[] = [
  {
    key: 'runs',
    name: 'Runs',
    href: '/runs/',
    sections: ['/runs/', '/dashboard/'],
    description: 'Wipe counters, split timers and OBS overlays that every dashboard sees at once.',
  },
  {
    key: 'polls',
    name: 'Polls',
    href: '/polls/create/',
    sections: ['/polls/'],
    description: 'Live polls for your viewers, with a moderator panel and a bar-chart overlay.',
  },
  {
    key: 'watch',
    name: 'Watch rooms',
    href: '/rooms/',
    description: 'Watch videos together in sync, with chat, participants and host controls.',
  },
  {
    key: 'lobbies',
    name: 'Lobbies',
    href: '/lobbies/',
    description: 'Chat lobbies with moderators, typing indicators and live presence.',
  },
  {
    key: 'clicks',
    name: 'Click wall',
    href: '/clicks/',
    description: 'One shared button, a live counter, and daily and hourly stats.',
  },
  {
    key: 'admin',
    name: 'Admin',
    href: '/admin/',
    description: 'Users, rooms, lobbies, polls, runs and the audit log. For staff.',
    staffOnly: true,
  },
];

export function moduleInfo(key: ModuleInfo['key']): ModuleInfo {
  const found = MODULES.find((module) => module.key === key);
  if (!found) throw new Error(`unknown module ${key}`);
  return found;
}
