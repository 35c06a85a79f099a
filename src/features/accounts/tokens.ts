/**
 * JWTs for every module: real three-part HS256 tokens with `exp` (Wiperino's pages decode it).
 * Access tokens carry `user_id` as SimpleJWT did, so clients written for the seeds read them as before.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';

/** The user a token speaks for, as the gateway and routes see it. */
export interface AuthUser {
  id: string;
  username: string;
  displayName: string;
  isGuest: boolean;
  isStaff: boolean;
  isPremium: boolean;
}

export interface RefreshClaims {
  userId: string;
  jti: string;
  expiresAt: Date;
}

export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly accessTtl: number,
    private readonly refreshTtl: number,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  private nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  async issueAccess(user: AuthUser): Promise<string> {
    const iat = this.nowSeconds();
    return new SignJWT({
      token_type: 'access',
      user_id: user.id,
      username: user.username,
      // Percent-encoded so the payload stays plain ASCII without '>', '?' or '~': Wiperino's auth.js
      // decodes it with atob(), which throws on the '-' and '_' those bytes put into base64url.
      dn: encodeDisplayName(user.displayName),
      is_guest: user.isGuest,
      is_staff: user.isStaff,
      is_premium: user.isPremium,
    })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(user.id)
      .setJti(randomUUID())
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.accessTtl)
      .sign(this.key);
  }

  /** A refresh token; the caller stores its jti so logout can revoke it. */
  async issueRefresh(userId: string): Promise<{ token: string } & RefreshClaims> {
    const iat = this.nowSeconds();
    const jti = randomUUID();
    const exp = iat + this.refreshTtl;
    const token = await new SignJWT({ token_type: 'refresh', user_id: userId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(userId)
      .setJti(jti)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(this.key);
    return { token, userId, jti, expiresAt: new Date(exp * 1000) };
  }

  /** The user of a valid access token, or null for anything else (bad signature, expired, wrong type). */
  async verifyAccess(token: string | undefined | null): Promise<AuthUser | null> {
    if (!token || token.length > 4096) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      });
      if (payload.token_type !== 'access' || typeof payload.sub !== 'string') return null;
      return {
        id: payload.sub,
        username: String(payload.username ?? ''),
        displayName: decodeDisplayName(payload.dn) ?? String(payload.username ?? ''),
        isGuest: payload.is_guest === true,
        isStaff: payload.is_staff === true,
        isPremium: payload.is_premium === true,
      };
    } catch {
      return null;
    }
  }

  /** Claims of a validly signed, unexpired refresh token (revocation is checked against the database). */
  async verifyRefresh(token: string): Promise<RefreshClaims | null> {
    if (!token || token.length > 4096) return null;
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      });
      if (
        payload.token_type !== 'refresh' ||
        typeof payload.sub !== 'string' ||
        typeof payload.jti !== 'string'
      ) {
        return null;
      }
      return { userId: payload.sub, jti: payload.jti, expiresAt: new Date((payload.exp ?? 0) * 1000) };
    } catch {
      return null;
    }
  }
}

/** Percent-encodes a display name into characters that never make base64url emit '-' or '_'. */
export function encodeDisplayName(name: string): string {
  return encodeURIComponent(name).replace(
    /[~!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function decodeDisplayName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}
