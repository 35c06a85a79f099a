/**
 * Room REST rules for both dialects: create, join, approve, delete (StreamIt) and SyncPlay's
 * account-less create and join. Create and join accept either seed's body shape; StreamIt's needs
 * the Bearer JWT (SPEC: the original wanted a session cookie).
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { AuthUser } from '../accounts/tokens.js';
import { hashPassword, verifyPassword } from '../accounts/passwords.js';
import { createUser } from '../accounts/index.js';
import { AppError } from '../../server/errors.js';
import type { AppContext } from '../../server/context.js';
import { CloseCode } from '../../protocol/close-codes.js';
import type { WatchLive } from './live.js';
import { resolveMedia, ProviderError } from './providers.js';
import {
  streamitCreateSchema,
  streamitJoinSchema,
  syncplayCreateSchema,
  syncplayJoinSchema,
} from './schemas.js';
import {
  findParticipant,
  findRoomByCode,
  findRoomById,
  insertRoom,
  listParticipants,
  transition,
  updateParticipant,
  upsertParticipant,
  type RoomRow,
} from './store.js';
import { roomDict } from './views.js';
import { fieldErrors } from '../../server/errors.js';

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const PASSWORD_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789';

function randomString(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[randomInt(alphabet.length)];
  return out;
}

const err = (status: number, message: string) => new AppError(status, 'watch', message, { error: message });
const syncErr = (status: number, message: string) =>
  new AppError(status, 'watch', message, { status: 'error', message });

/** The body speaks SyncPlay when it carries SyncPlay's fields. */
export function isSyncplayBody(body: unknown): boolean {
  return typeof body === 'object' && body !== null && ('user_name' in body || 'room_name' in body);
}

async function insertWithFreshCode(
  values: Omit<Parameters<typeof insertRoom>[1], 'code'>,
  ctx: AppContext,
): Promise<RoomRow> {
  for (let attempt = 0; ; attempt += 1) {
    const code = randomString(CODE_ALPHABET, 6);
    if (await findRoomByCode(ctx.database.db, code)) continue;
    try {
      return await insertRoom(ctx.database.db, { ...values, code });
    } catch (error) {
      if (attempt >= 5) throw error; // a code collision race, repeatedly: give up loudly
    }
  }
}

export async function createStreamitRoom(ctx: AppContext, user: AuthUser, body: unknown) {
  const parsed = streamitCreateSchema.safeParse(body ?? {});
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path[0];
    if (path === 'entry_mode') throw err(400, 'Invalid entry_mode for private room');
    throw new AppError(400, 'invalid', 'Invalid input.', fieldErrors(parsed.error));
  }
  const input = parsed.data;
  const mode = input.entry_mode;
  const validMode = mode === 'PASSWORD' || mode === 'APPROVAL' ? mode : null;
  if (input.is_private && !validMode) throw err(400, 'Invalid entry_mode for private room');
  const entryMode = input.is_private ? validMode : null;
  const password = entryMode === 'PASSWORD' ? randomString(PASSWORD_ALPHABET, 8) : undefined;
  let media = { videoProvider: '', videoId: '', mediaUrl: '', mediaTitle: '' };
  if (input.media) {
    try {
      const m = input.media;
      const resolved = resolveMedia({
        provider: m.provider,
        id: m.id,
        mediaType: m.media_type,
        season: m.season,
        episode: m.episode,
      });
      media = {
        videoProvider: resolved.provider,
        videoId: resolved.id,
        mediaUrl: resolved.url,
        mediaTitle: m.title ?? '',
      };
    } catch (e) {
      if (e instanceof ProviderError) throw err(400, e.message);
      throw e;
    }
  }
  const now = new Date(ctx.clock.now());
  const room = await insertWithFreshCode(
    {
      name: input.name?.trim() || `${user.displayName}'s room`,
      hostId: user.id,
      isPrivate: input.is_private,
      entryMode,
      passwordHash: password ? await hashPassword(password) : null,
      allowSuccession: input.allow_succession,
      isChatEnabled: input.is_chat_enabled,
      anchorMs: ctx.clock.now(),
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
      ...media,
    },
    ctx,
  );
  await upsertParticipant(ctx.database.db, {
    roomId: room.id,
    memberId: user.id,
    name: user.displayName,
    joinedAt: now,
  });
  return {
    room_id: room.id,
    code: room.code,
    is_private: room.isPrivate,
    entry_mode: room.entryMode,
    ...(password ? { room_password: password } : {}),
  };
}

export async function joinStreamitRoom(ctx: AppContext, user: AuthUser, body: unknown) {
  const input = streamitJoinSchema.safeParse(body ?? {});
  const code = input.success ? input.data.code?.trim() : undefined;
  if (!code) throw err(400, 'Room code required');
  const room = await findRoomByCode(ctx.database.db, code);
  if (!room) throw err(404, 'Room not found');
  const existing = await findParticipant(ctx.database.db, room.id, user.id);
  const answer = (status: string) => ({
    room_id: room.id,
    code: room.code,
    status,
    is_host: room.hostId === user.id,
  });
  if (existing?.isBanned) throw err(403, 'You are banned from this room');
  if (existing && existing.name !== '') return answer(existing.status);
  let status = 'APPROVED';
  if (room.entryMode === 'PASSWORD') {
    const password = input.success ? (input.data.password ?? '') : '';
    if (!password || !room.passwordHash || !(await verifyPassword(room.passwordHash, password)))
      throw err(403, 'Invalid room password');
  } else if (room.entryMode === 'APPROVAL') {
    status = 'PENDING';
  }
  const { row } = await upsertParticipant(ctx.database.db, {
    roomId: room.id,
    memberId: user.id,
    name: user.displayName,
    status,
    joinedAt: new Date(ctx.clock.now()),
  });
  return answer(row.status);
}

export async function approveParticipant(
  ctx: AppContext,
  live: WatchLive,
  user: AuthUser,
  roomId: string,
  memberId: string,
) {
  const room = await findRoomById(ctx.database.db, roomId);
  if (!room) throw err(404, 'Room not found');
  if (room.hostId !== user.id) throw err(403, 'Only host can approve');
  const participant = await findParticipant(ctx.database.db, room.id, memberId);
  if (!participant || participant.status !== 'PENDING' || participant.isBanned)
    throw err(404, 'Pending participant not found');
  await updateParticipant(ctx.database.db, room.id, memberId, { status: 'APPROVED' });
  return { approved: true };
}

/** The host's approval queue (web app). */
export async function pendingParticipants(ctx: AppContext, user: AuthUser, roomId: string) {
  const room = await findRoomById(ctx.database.db, roomId);
  if (!room) throw err(404, 'Room not found');
  if (room.hostId !== user.id) throw err(403, 'Only host can approve');
  const rows = await listParticipants(ctx.database.db, room.id);
  return rows
    .filter((p) => p.status === 'PENDING' && !p.isBanned)
    .map((p) => ({ user_id: p.memberId, name: p.name, joined_at: p.joinedAt.toISOString() }));
}

/** Host-only delete: DELETED, inactive, ROOM_DELETED to every socket, then their close (4005). */
export async function deleteRoom(ctx: AppContext, live: WatchLive, user: AuthUser, roomId: string) {
  const room = await findRoomById(ctx.database.db, roomId);
  if (!room) throw err(404, 'Room not found');
  if (room.hostId !== user.id) throw err(403, 'Only host can delete room');
  const deleted = await transition(ctx.database.db, room.id, ['CREATED', 'LIVE', 'GRACE', 'EXPIRED'], {
    state: 'DELETED',
    isActive: false,
    updatedAt: new Date(ctx.clock.now()),
  });
  if (deleted) {
    await live.publish(room.id, { kind: 'deleted' });
    await live.closeSockets(room.id, CloseCode.ROOM_INACTIVE, 'room deleted');
  }
  return { status: 'room_deleted' };
}

function syncplayValidation(error: import('zod').ZodError): AppError {
  return new AppError(400, 'invalid', 'Invalid input.', { status: 'error', errors: fieldErrors(error) });
}

export async function createSyncplayRoom(ctx: AppContext, body: unknown) {
  const parsed = syncplayCreateSchema.safeParse(body ?? {});
  if (!parsed.success) throw syncplayValidation(parsed.error);
  const now = new Date(ctx.clock.now());
  // SPEC 1: no account needed, so a guest user is made for the host and its token comes back.
  const guest = await createUser(
    ctx.database.db,
    {
      username: `guest-${randomBytes(6).toString('hex')}`,
      displayName: parsed.data.user_name,
      isGuest: true,
    },
    now,
  );
  const hostId = guest.id;
  const token = await ctx.tokens.issueAccess({
    id: guest.id,
    username: guest.username,
    displayName: guest.displayName,
    isGuest: true,
    isStaff: false,
    isPremium: false,
  });
  const room = await insertWithFreshCode(
    {
      name: parsed.data.room_name,
      hostId,
      anchorMs: ctx.clock.now(),
      createdAt: now,
      updatedAt: now,
      lastActivityAt: now,
    },
    ctx,
  );
  await upsertParticipant(ctx.database.db, {
    roomId: room.id,
    memberId: hostId,
    name: parsed.data.user_name,
    hasAccount: true,
    joinedAt: now,
  });
  return {
    status: 'success',
    message: 'Room created successfully',
    room: await roomDict(ctx, room),
    user: { id: hostId, name: parsed.data.user_name, is_host: true },
    // The login answer's names for the same JWT (StreamIt reads access_token, SimpleJWT access).
    access: token,
    access_token: token,
  };
}

export async function joinSyncplayRoom(ctx: AppContext, body: unknown) {
  const parsed = syncplayJoinSchema.safeParse(body ?? {});
  if (!parsed.success) throw syncplayValidation(parsed.error);
  const room = await findRoomById(ctx.database.db, parsed.data.room_id);
  if (!room || !room.isActive) {
    throw new AppError(400, 'invalid', 'Room not found.', {
      status: 'error',
      errors: { room_id: ['Room not found.'] },
    });
  }
  if (room.isPrivate) throw syncErr(403, 'This room is private');
  const taken = (await listParticipants(ctx.database.db, room.id)).some(
    (p) => p.name.toLowerCase() === parsed.data.user_name.toLowerCase(),
  );
  if (taken) throw syncErr(400, 'Username already taken in this room');
  // Like SyncPlay, the user is created by the socket's join, with the id the client chooses.
  return {
    status: 'success',
    message: 'Ready to join room',
    room: await roomDict(ctx, room),
    websocket_url: `/ws/room/${room.id}/`,
  };
}
