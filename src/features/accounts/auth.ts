/**
 * Bearer authentication for every module's HTTP routes, with SimpleJWT's answers (the seeds' clients
 * and tests compare them): no credentials is 401 "not provided", a bad or expired token is 401
 * `token_not_valid`. Usage in a handler:
 *
 *   const user = await requireUser(ctx, request);        // or optionalUser(ctx, request)
 */
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../server/context.js';
import { AppError, forbidden, unauthorized } from '../../server/errors.js';
import type { AuthUser } from './tokens.js';

/** The token from `Authorization: Bearer <token>`; undefined when the header is absent or another scheme. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return undefined;
  const [scheme, token, ...rest] = header.trim().split(/\s+/);
  if (scheme !== 'Bearer') return undefined;
  // "Bearer" alone or with extra parts is a malformed credential, not an absent one.
  return token && rest.length === 0 ? token : '';
}

/** 401 for a token that is present but unusable (bad signature, expired, a refresh token, malformed). */
export function invalidToken(): AppError {
  return unauthorized('Given token not valid for any token type', {
    detail: 'Given token not valid for any token type',
    code: 'token_not_valid',
  });
}

/**
 * The signed-in user, or null when the request carries no Bearer token. A token that is present but
 * invalid is still a 401, as DRF authenticates before it checks permissions.
 */
export async function optionalUser(
  ctx: Pick<AppContext, 'tokens'>,
  request: FastifyRequest,
): Promise<AuthUser | null> {
  const token = bearerToken(request);
  if (token === undefined) return null;
  const user = await ctx.tokens.verifyAccess(token);
  if (!user) throw invalidToken();
  return user;
}

/** The signed-in user; 401 without a valid Bearer token. */
export async function requireUser(
  ctx: Pick<AppContext, 'tokens'>,
  request: FastifyRequest,
): Promise<AuthUser> {
  const user = await optionalUser(ctx, request);
  if (!user) throw unauthorized();
  return user;
}

/**
 * A signed-in staff user, per the token's claim. Routes that change roles re-check the database,
 * since a token keeps its claims for its lifetime (5 minutes by default).
 */
export async function requireStaff(
  ctx: Pick<AppContext, 'tokens'>,
  request: FastifyRequest,
): Promise<AuthUser> {
  const user = await requireUser(ctx, request);
  if (!user.isStaff) throw forbidden();
  return user;
}
