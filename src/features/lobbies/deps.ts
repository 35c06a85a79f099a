/** What the lobby rules need, gathered once at registration, plus helpers every rule file uses. */
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../../realtime/clock.js';
import type { AppContext } from '../../server/context.js';
import { AppError, badRequest, forbidden, notFound, unauthorized } from '../../server/errors.js';
import type { Db } from '../../storage/database.js';
import { requireUser } from '../accounts/index.js';
import type { ChatService } from '../chat/index.js';
import type { LobbyLive } from './live.js';
import { lobbyIdOf } from './schemas.js';
import { findLobby, findMembership, findUser, type LobbyRow, type Role } from './store.js';

/** DRF's 403 and 404 bodies exactly (`{"detail"}` only), as the seed's clients see them. */
export const denied = () => forbidden(DENIED, { detail: DENIED });
export const missing = () => notFound(NOT_FOUND, { detail: NOT_FOUND });
const DENIED = 'You do not have permission to perform this action.';
const NOT_FOUND = 'Not found.';

export interface LobbyDeps {
  ctx: AppContext;
  db: Db;
  clock: Clock;
  live: LobbyLive;
  chat: ChatService;
}

/** The signed-in user as stored now (premium and staff flags change without a new token). */
export interface Actor {
  id: string;
  username: string;
  isPremium: boolean;
  isStaff: boolean;
}

export function now(deps: Pick<LobbyDeps, 'clock'>): Date {
  return new Date(deps.clock.now());
}

export async function currentActor(deps: LobbyDeps, request: FastifyRequest): Promise<Actor> {
  const auth = await requireUser(deps.ctx, request);
  const row = await findUser(deps.db, auth.id);
  if (!row || !row.isActive)
    throw unauthorized('User not found', { detail: 'User not found', code: 'user_not_found' });
  return { id: row.id, username: row.username, isPremium: row.isPremium, isStaff: row.isStaff };
}

/** The lobby of the `:id` path parameter; 404 `{"detail":"Not found."}` otherwise. */
export async function lobbyOr404(deps: LobbyDeps, raw: string | undefined): Promise<LobbyRow> {
  const id = lobbyIdOf(raw);
  const lobby = id === null ? undefined : await findLobby(deps.db, id);
  if (!lobby) throw missing();
  return lobby;
}

/** The actor's role in the lobby (the owner column wins over a stale membership row), or null. */
export async function roleOf(deps: LobbyDeps, lobby: LobbyRow, userId: string): Promise<Role | null> {
  if (lobby.ownerId === userId) return 'owner';
  const m = await findMembership(deps.db, lobby.id, userId);
  return m ? (m.role as Role) : null;
}

export function requireOwner(lobby: LobbyRow, actor: Actor): void {
  if (lobby.ownerId !== actor.id) throw denied();
}

/** Owner or moderator (IsOwnerOrModerator); 403 otherwise. */
export async function requireModerator(deps: LobbyDeps, lobby: LobbyRow, actor: Actor): Promise<void> {
  const role = await roleOf(deps, lobby, actor.id);
  if (role !== 'owner' && role !== 'moderator') throw denied();
}

/** 400 `{"error": message}`, the seed's shape for rule refusals. */
export function refusal(message: string): AppError {
  return badRequest(message, { error: message });
}

/** Private lobbies: only members (and staff) see their messages. */
export async function canRead(deps: LobbyDeps, lobby: LobbyRow, actor: Actor): Promise<boolean> {
  return lobby.isPublic || actor.isStaff || (await roleOf(deps, lobby, actor.id)) !== null;
}

/** The `page` query parameter; 404 "Invalid page." as DRF for anything but a positive integer. */
export function pageNumber(raw: unknown): number {
  if (raw === undefined || raw === '') return 1;
  const page = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(page) || page < 1) throw invalidPage();
  return page;
}

export const invalidPage = () => new AppError(404, 'not_found', 'Invalid page.', { detail: 'Invalid page.' });

export const PAGE_SIZE = 20;

/** The absolute URL of a request (pagination links), as DRF's `build_absolute_uri`. */
export function absoluteUrl(request: FastifyRequest): URL {
  return new URL(request.url, `${request.protocol}://${request.host}`);
}
