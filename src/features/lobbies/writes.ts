/**
 * Lobby writes that must be atomic. Each takes the lobby row's lock (`SELECT ... FOR UPDATE`) first,
 * so concurrent joins are serialized per lobby and the capacity check and the insert cannot be
 * interleaved: `max_participants` holds under any concurrency, in one process or many.
 */
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../storage/database.js';
import { lobbies, lobbyBans, lobbyMemberships } from '../../storage/schema/index.js';
import { countMembers, findBan, findMembership, insertEvent, setRole, type LobbyRow } from './store.js';

/** `can_join`'s refusals, in the seed's order. */
export const JoinRefusal = {
  NOT_OPEN: 'Lobby is not open',
  FULL: 'Lobby is full',
  BANNED: 'You are banned from this lobby',
  ALREADY: 'Already in lobby',
} as const;

async function lockLobby(tx: Db, id: number): Promise<LobbyRow | undefined> {
  const [row] = await tx.select().from(lobbies).where(eq(lobbies.id, id)).for('update');
  return row;
}

function inTx<T>(db: Db, body: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (raw) => body(raw as unknown as Db));
}

/** The seed's `can_join` for `userId` on a (locked or fresh) lobby row; null when allowed. */
export async function joinRefusal(db: Db, lobby: LobbyRow, userId: string): Promise<string | null> {
  if (lobby.status !== 'open') return JoinRefusal.NOT_OPEN;
  if ((await countMembers(db, lobby.id)) >= lobby.maxParticipants) return JoinRefusal.FULL;
  if (await findBan(db, lobby.id, userId)) return JoinRefusal.BANNED;
  if (await findMembership(db, lobby.id, userId)) return JoinRefusal.ALREADY;
  return null;
}

/** Creates the lobby, its owner membership and the `status_change` "created" event. */
export function createLobby(
  db: Db,
  input: { name: string; isPublic: boolean; maxParticipants: number; ownerId: string; now: Date },
): Promise<LobbyRow> {
  return inTx(db, async (tx) => {
    const [lobby] = await tx
      .insert(lobbies)
      .values({
        name: input.name,
        isPublic: input.isPublic,
        maxParticipants: input.maxParticipants,
        ownerId: input.ownerId,
        createdAt: input.now,
        updatedAt: input.now,
      })
      .returning();
    if (!lobby) throw new Error('lobby insert returned no row');
    await tx
      .insert(lobbyMemberships)
      .values({ lobbyId: lobby.id, userId: input.ownerId, role: 'owner', joinedAt: input.now });
    await insertEvent(tx, {
      lobbyId: lobby.id,
      eventType: 'status_change',
      actorId: input.ownerId,
      description: `Lobby '${lobby.name}' created`,
      metadata: { status: 'open' },
      createdAt: input.now,
    });
    return lobby;
  });
}

/** Joins under the lobby's lock: the refusal (seed order) or null when the membership was made. */
export function joinLobby(
  db: Db,
  lobbyId: number,
  user: { id: string; username: string },
  now: Date,
): Promise<{ refusal: string | null; found: boolean }> {
  return inTx(db, async (tx) => {
    const lobby = await lockLobby(tx, lobbyId);
    if (!lobby) return { refusal: null, found: false };
    const refusal = await joinRefusal(tx, lobby, user.id);
    if (refusal) return { refusal, found: true };
    await tx.insert(lobbyMemberships).values({ lobbyId, userId: user.id, role: 'member', joinedAt: now });
    await insertEvent(tx, {
      lobbyId,
      eventType: 'status_change',
      actorId: user.id,
      description: `${user.username} joined the lobby`,
      createdAt: now,
    });
    return { refusal: null, found: true };
  });
}

/** Removes the membership (if any) and records the ban; false when the user was already banned. */
export function banUser(
  db: Db,
  input: { lobbyId: number; userId: string; reason: string; actorId: string; description: string; now: Date },
): Promise<boolean> {
  return inTx(db, async (tx) => {
    await lockLobby(tx, input.lobbyId);
    await tx
      .delete(lobbyMemberships)
      .where(and(eq(lobbyMemberships.lobbyId, input.lobbyId), eq(lobbyMemberships.userId, input.userId)));
    const inserted = await tx
      .insert(lobbyBans)
      .values({
        lobbyId: input.lobbyId,
        userId: input.userId,
        reason: input.reason,
        bannedById: input.actorId,
        createdAt: input.now,
      })
      .onConflictDoNothing()
      .returning({ id: lobbyBans.id });
    if (inserted.length === 0) return false;
    await insertEvent(tx, {
      lobbyId: input.lobbyId,
      eventType: 'ban',
      actorId: input.actorId,
      targetId: input.userId,
      description: input.description,
      metadata: { reason: input.reason },
      createdAt: input.now,
    });
    return true;
  });
}

/** Swaps roles (old owner -> member, target -> owner) and sets the lobby's owner, atomically. */
export function transferOwnership(
  db: Db,
  input: { lobbyId: number; fromId: string; toId: string; toName: string; now: Date },
): Promise<void> {
  return inTx(db, async (tx) => {
    await lockLobby(tx, input.lobbyId);
    await tx
      .update(lobbies)
      .set({ ownerId: input.toId, updatedAt: input.now })
      .where(eq(lobbies.id, input.lobbyId));
    await setRole(tx, input.lobbyId, input.fromId, 'member');
    await setRole(tx, input.lobbyId, input.toId, 'owner');
    await insertEvent(tx, {
      lobbyId: input.lobbyId,
      eventType: 'transfer',
      actorId: input.fromId,
      targetId: input.toId,
      description: `Ownership transferred to ${input.toName}`,
      createdAt: input.now,
    });
  });
}
