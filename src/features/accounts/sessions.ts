/**
 * Sessions: login (username or email), refresh, logout and guest users. Every refresh token issued is
 * recorded by its jti, so logout and password resets can revoke them; refreshing issues a new one
 * and leaves the old one valid (Wiperino's pages keep refreshing with the token they got at login).
 */
import { randomBytes } from 'node:crypto';
import { AppError, badRequest, unauthorized } from '../../server/errors.js';
import { now, type AccountsDeps } from './deps.js';
import { burnVerifyTime, verifyPassword } from './passwords.js';
import { isPlainObject, loginSchema, parseBody, refreshSchema } from './schemas.js';
import { toAuthUser } from './service.js';
import * as store from './store.js';
import type { UserRow } from './store.js';
import { assertLoginAllowed, clearAccountFailures, loginKeys, recordLoginFailure } from './throttle.js';

/** The login answer: SimpleJWT's pair plus StreamIt's fields, so both seeds' clients read it. */
export interface SessionView {
  access: string;
  refresh: string;
  access_token: string;
  id: string;
  username: string;
  display_name: string;
  is_guest: boolean;
}

const INVALID_CREDENTIALS = {
  detail: 'No active account found with the given credentials',
  error: 'Invalid credentials',
};

/** SimpleJWT's answer to a bad, expired or revoked refresh token. */
function invalidRefresh(): AppError {
  return unauthorized('Token is invalid or expired', {
    detail: 'Token is invalid or expired',
    code: 'token_not_valid',
  });
}

/** Issues a refresh token and records its jti (the row is what logout revokes). */
async function issueRefresh(deps: AccountsDeps, userId: string): Promise<string> {
  const issued = await deps.tokens.issueRefresh(userId);
  await store.insertRefreshToken(deps.db, {
    jti: issued.jti,
    userId,
    expiresAt: issued.expiresAt,
    createdAt: now(deps),
  });
  return issued.token;
}

/** A fresh access and refresh token for `user`, in the login answer's shape. */
export async function issueSession(deps: AccountsDeps, user: UserRow): Promise<SessionView> {
  const access = await deps.tokens.issueAccess(toAuthUser(user));
  const refresh = await issueRefresh(deps, user.id);
  return {
    access,
    refresh,
    access_token: access,
    id: user.id,
    username: user.username,
    display_name: user.displayName,
    is_guest: user.isGuest,
  };
}

/** The account a login names: by username, by email, or a username containing "@" that is an email. */
async function findLoginUser(deps: AccountsDeps, identifier: string, byEmail: boolean) {
  if (byEmail) return store.findUserByEmail(deps.db, identifier);
  const user = await store.findUserByUsername(deps.db, identifier);
  if (user || !identifier.includes('@')) return user;
  return store.findUserByEmail(deps.db, identifier);
}

/** `POST /api/login/`, `POST /api/auth/login/`. */
export async function login(deps: AccountsDeps, body: unknown, ip: string): Promise<SessionView> {
  const input = parseBody(loginSchema, body);
  const identifier = input.username ?? input.email;
  if (identifier === undefined) {
    throw badRequest('This field is required.', { username: ['This field is required.'] });
  }
  const user = await findLoginUser(deps, identifier, input.username === undefined);
  const keys = loginKeys(ip, user?.id, identifier);
  await assertLoginAllowed(deps, keys);
  // Guests and inactive users have no usable password; the dummy check keeps timing uniform.
  const usable = user && user.isActive && !user.isGuest && user.passwordHash ? user : undefined;
  const valid = usable?.passwordHash
    ? await verifyPassword(usable.passwordHash, input.password)
    : await burnVerifyTime(input.password).then(() => false);
  if (!usable || !valid) {
    await recordLoginFailure(deps, keys);
    throw unauthorized(INVALID_CREDENTIALS.detail, INVALID_CREDENTIALS);
  }
  await clearAccountFailures(deps, keys);
  return issueSession(deps, usable);
}

/** `POST /api/token/refresh/`, `POST /api/auth/refresh/`: a new access token and a new refresh token. */
export async function refresh(
  deps: AccountsDeps,
  body: unknown,
): Promise<{ access: string; refresh: string }> {
  const input = parseBody(refreshSchema, body);
  const claims = await deps.tokens.verifyRefresh(input.refresh);
  if (!claims) throw invalidRefresh();
  if (!(await store.refreshTokenActive(deps.db, claims.jti, claims.userId, now(deps))))
    throw invalidRefresh();
  const user = await store.findUserById(deps.db, claims.userId);
  if (!user || !user.isActive) throw invalidRefresh();
  // The access token is rebuilt from the current row, so role changes show up at the next refresh.
  return {
    access: await deps.tokens.issueAccess(toAuthUser(user)),
    refresh: await issueRefresh(deps, user.id),
  };
}

/**
 * `POST /api/auth/logout/`: revokes every refresh token of the user named by a valid Bearer token
 * or a valid `{refresh}` body. Answers success either way, as StreamIt's logout always did.
 */
export async function logout(deps: AccountsDeps, bearerUserId: string | null, body: unknown): Promise<void> {
  let userId = bearerUserId;
  if (!userId && isPlainObject(body) && typeof body.refresh === 'string') {
    userId = (await deps.tokens.verifyRefresh(body.refresh))?.userId ?? null;
  }
  if (userId) await store.revokeRefreshTokens(deps.db, userId, now(deps));
}

const guestError = (message: string) => new AppError(400, 'invalid', message, { error: message });

/** `POST /api/auth/guest/`: a new guest user per call, signed in at once. */
export async function createGuest(deps: AccountsDeps, body: unknown): Promise<SessionView> {
  const raw = isPlainObject(body) && Object.hasOwn(body, 'display_name') ? body.display_name : undefined;
  const displayName = typeof raw === 'string' ? raw.trim() : '';
  if (!displayName) throw guestError('Display name required');
  if ([...displayName].length > 50) throw guestError('Display name must be at most 50 characters');
  const at = now(deps);
  // 32 random bits: a collision is rare, and a retry with new bits resolves it.
  for (let attempt = 0; ; attempt++) {
    const username = `guest-${randomBytes(4).toString('hex')}`;
    try {
      const user = await store.insertUser(deps.db, {
        username,
        displayName,
        isGuest: true,
        createdAt: at,
        updatedAt: at,
      });
      return await issueSession(deps, user);
    } catch (error) {
      if (store.uniqueViolation(error) !== 'username' || attempt >= 4) throw error;
    }
  }
}
