/**
 * `seed-demo` for lobbies, as the seed's `seed_demo`: premium_user_1/2 and user_1..5 (password
 * testpass123), "Gaming Lounge", "VIP Room" and "General Chat" with 2-4 random members (30 %
 * moderators, never past capacity), user_5 banned from Gaming Lounge, and 10-15 random messages per
 * lobby (30 % with an " @user" suffix). Idempotent; `clear` removes the demo lobbies first.
 */
import { and, eq, inArray } from 'drizzle-orm';
import { MemoryEphemeralStore } from '../../realtime/memory-ephemeral.js';
import { systemClock } from '../../realtime/clock.js';
import type { Database } from '../../storage/database.js';
import { lobbies, lobbyBans, lobbyMemberships } from '../../storage/schema/index.js';
import { createUser, findUserByUsername, type UserRow } from '../accounts/service.js';
import { ChatService } from '../chat/index.js';
import { chatChannel } from './live.js';
import { LOBBY_CHAT_LIMITS } from './messages.js';
import { createLobby, joinLobby } from './writes.js';

const PASSWORD = 'testpass123';
const DEMO_LOBBIES = [
  { name: 'Gaming Lounge', owner: 'premium_user_1', isPublic: true, status: 'open', max: 8 },
  { name: 'VIP Room', owner: 'premium_user_2', isPublic: false, status: 'open', max: 4 },
  { name: 'General Chat', owner: 'premium_user_1', isPublic: true, status: 'in_game', max: 12 },
] as const;
const PHRASES = [
  'Hello everyone!',
  'Anyone up for a game?',
  'GG, that was close',
  'Who is hosting the next round?',
  'Give me a minute, brb',
  'Nice play!',
  'Ready when you are',
  'Can we switch teams?',
  'Lag is terrible today',
  'One more round?',
  'Welcome to the lobby',
  'That was hilarious',
  'Let us try a different map',
  'Thanks for the game',
  'See you tomorrow',
];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;
const between = (lo: number, hi: number) => lo + Math.floor(Math.random() * (hi - lo + 1));

async function demoUser(
  database: Database,
  username: string,
  email: string,
  premium: boolean,
): Promise<UserRow> {
  const existing = await findUserByUsername(database.db, username);
  if (existing) return existing;
  return createUser(database.db, { username, email, password: PASSWORD, isPremium: premium });
}

export async function seedLobbiesDemo(database: Database, clear: boolean): Promise<string> {
  const db = database.db;
  const byName = new Map<string, UserRow>();
  for (const i of [1, 2])
    byName.set(
      `premium_user_${i}`,
      await demoUser(database, `premium_user_${i}`, `premium${i}@example.com`, true),
    );
  for (const i of [1, 2, 3, 4, 5])
    byName.set(`user_${i}`, await demoUser(database, `user_${i}`, `user${i}@example.com`, false));
  const owners = [...byName.values()].filter((u) => u.isPremium).map((u) => u.id);
  const names = DEMO_LOBBIES.map((l) => l.name);
  const existing = await db
    .select({ id: lobbies.id })
    .from(lobbies)
    .where(and(inArray(lobbies.name, names), inArray(lobbies.ownerId, owners)));
  const chat = new ChatService({ db, store: new MemoryEphemeralStore(), clock: systemClock });
  if (existing.length > 0) {
    if (!clear) return 'Lobbies demo exists (7 demo users, password testpass123).';
    await db.delete(lobbies).where(
      inArray(
        lobbies.id,
        existing.map((l) => l.id),
      ),
    );
    await chat.forget(existing.map((l) => chatChannel(l.id)));
  }
  const regulars = [1, 2, 3, 4, 5].map((i) => byName.get(`user_${i}`) as UserRow);
  // Seeding is not chatting: no rate limit here.
  const limits = { ...LOBBY_CHAT_LIMITS, rate: { limit: 1_000_000, windowMs: 1 } };
  for (const spec of DEMO_LOBBIES) {
    const owner = byName.get(spec.owner) as UserRow;
    const lobby = await createLobby(db, {
      name: spec.name,
      isPublic: spec.isPublic,
      maxParticipants: spec.max,
      ownerId: owner.id,
      now: new Date(),
    });
    const candidates = regulars.filter((u) => !(spec.name === 'Gaming Lounge' && u.username === 'user_5'));
    const members = [...candidates]
      .sort(() => Math.random() - 0.5)
      .slice(0, Math.min(between(2, 4), spec.max - 1));
    for (const m of members) {
      await joinLobby(db, lobby.id, m, new Date());
      if (Math.random() < 0.3)
        await db
          .update(lobbyMemberships)
          .set({ role: 'moderator' })
          .where(and(eq(lobbyMemberships.lobbyId, lobby.id), eq(lobbyMemberships.userId, m.id)));
    }
    if (spec.name === 'Gaming Lounge')
      await db.insert(lobbyBans).values({
        lobbyId: lobby.id,
        userId: (byName.get('user_5') as UserRow).id,
        reason: 'Inappropriate behavior',
        bannedById: owner.id,
      });
    if (spec.status !== 'open')
      await db.update(lobbies).set({ status: spec.status }).where(eq(lobbies.id, lobby.id));
    const speakers = [owner, ...members];
    for (let i = between(10, 15); i > 0; i -= 1) {
      const sender = pick(speakers);
      const text = Math.random() < 0.3 ? `${pick(PHRASES)} @${pick(speakers).username}` : pick(PHRASES);
      await chat.send(chatChannel(lobby.id), { id: sender.id, name: sender.username }, text, {
        enabled: true,
        isMuted: () => false,
        limits,
      });
    }
  }
  return 'Lobbies demo: premium_user_1/2 and user_1..5 (password testpass123), 3 lobbies with members and messages.';
}
