/**
 * Capability tokens and viewer identities. Each poll link token is 144 random bits in base64url,
 * drawn independently (none derives from another or from the session id). A viewer identity is a
 * random id plus an HMAC under a deployment-wide secret, so a browser keeps one identity per
 * deployment and cannot forge another without the secret.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../storage/database.js';
import { getOrCreateSetting } from '../../storage/settings-store.js';

export type Role = 'moderator' | 'viewer' | 'overlay';

/** A new capability token: 18 random bytes (144 bits), URL-safe. */
export function newCapability(): string {
  return randomBytes(18).toString('base64url');
}

/** A session id: random too, but never accepted as a capability. */
export function newSessionId(): string {
  return randomBytes(9).toString('base64url');
}

/** A question id in the seed's `q-<hex>` shape, long enough that ids never collide. */
export function newQuestionId(): string {
  return `q-${randomBytes(8).toString('hex')}`;
}

/** Tokens travel in URL paths; anything else cannot be one of ours and is refused without a query. */
export function looksLikeToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{16,64}$/.test(token);
}

/** Signs and checks viewer identities (`<id>.<mac>`). */
export class ViewerIdentities {
  private constructor(private readonly key: Buffer) {}

  static async open(db: Db): Promise<ViewerIdentities> {
    const secret = await getOrCreateSetting(db, 'polls_viewer_secret', () =>
      randomBytes(32).toString('base64url'),
    );
    return new ViewerIdentities(Buffer.from(secret, 'utf8'));
  }

  /** A fresh signed identity for a browser. */
  issue(): string {
    const id = randomBytes(12).toString('base64url');
    return `${id}.${this.mac(id)}`;
  }

  /** The id inside a validly signed identity, or null. */
  verify(signed: string | undefined): string | null {
    if (!signed || signed.length > 100) return null;
    const [id, mac, ...rest] = signed.split('.');
    if (!id || !mac || rest.length > 0) return null;
    const expected = Buffer.from(this.mac(id));
    const given = Buffer.from(mac);
    return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
  }

  private mac(id: string): string {
    return createHmac('sha256', this.key).update(`poll-viewer:${id}`).digest('base64url').slice(0, 32);
  }
}
