/**
 * Password reset by mail (Wiperino's flow). The link carries the user id (base64url) and a random
 * 256-bit token; only the token's SHA-256 is stored, it expires after `passwordResetTtl` and works
 * once. The request answer never says whether the address is registered.
 */
import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../server/errors.js';
import { now, type AccountsDeps } from './deps.js';
import { hashPassword } from './passwords.js';
import { parseBody, passwordResetConfirmSchema, passwordResetRequestSchema } from './schemas.js';
import * as store from './store.js';

export const RESET_REQUESTED = 'If this email is registered, you will receive a reset link in your email.';
export const RESET_DONE = 'Password reset successful.';
export const RESET_SUBJECT = 'Reset your password';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The link's user part: base64url of the user id, as Django's `urlsafe_base64_encode` of the pk. */
export function encodeUid(userId: string): string {
  return Buffer.from(userId, 'utf8').toString('base64url');
}

/** The user id in a link, or null when it is not a base64url-encoded UUID. */
export function decodeUid(uid: string): string | null {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(uid)) return null;
  const decoded = Buffer.from(uid, 'base64url').toString('utf8');
  return UUID.test(decoded) ? decoded.toLowerCase() : null;
}

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const confirmError = (message: string) =>
  new AppError(400, 'invalid', message, { non_field_errors: [message] });

/** `POST /api/password-reset-request/`: mails a link to a registered (non-guest, active) user. */
export async function requestPasswordReset(deps: AccountsDeps, body: unknown): Promise<void> {
  const { email } = parseBody(passwordResetRequestSchema, body);
  const user = await store.findUserByEmail(deps.db, email);
  if (!user || user.isGuest || !user.isActive || !user.email) return;
  const token = randomBytes(32).toString('base64url');
  await store.insertPasswordReset(deps.db, {
    tokenHash: hashToken(token),
    userId: user.id,
    expiresAt: new Date(deps.clock.now() + deps.config.passwordResetTtl * 1000),
  });
  const base = deps.config.publicUrl.replace(/\/+$/, '');
  const link = `${base}/reset-password/${encodeUid(user.id)}/${token}/`;
  const minutes = Math.max(1, Math.round(deps.config.passwordResetTtl / 60));
  try {
    await deps.mailer.send({
      to: user.email,
      subject: RESET_SUBJECT,
      text:
        `Hello ${user.username},\n\nSomeone asked to reset the password of your Roomful account.\n` +
        `Choose a new password here:\n\n${link}\n\n` +
        `The link works once and expires in ${minutes} minute${minutes === 1 ? '' : 's'}. ` +
        `If you did not ask for this, ignore this mail.\n`,
    });
  } catch (error) {
    // The answer must not differ for registered addresses, so a mail failure is logged, not returned.
    deps.log.error({ err: error }, 'password reset mail could not be sent');
  }
}

/**
 * `POST /api/password-reset-confirm/`: checks in Wiperino's order (passwords match, user, token),
 * then sets the password, retires the user's other reset links and revokes every refresh token.
 */
export async function confirmPasswordReset(deps: AccountsDeps, body: unknown): Promise<void> {
  const input = parseBody(passwordResetConfirmSchema, body);
  if (input.password !== input.password2) throw confirmError("Passwords don't match.");
  const userId = decodeUid(input.uid);
  const user = userId ? await store.findUserById(deps.db, userId) : undefined;
  if (!user || user.isGuest || !user.isActive) throw confirmError('Invalid user.');
  // Hash before the transaction: argon2 takes milliseconds and PGlite serializes transactions.
  const passwordHash = await hashPassword(input.password);
  const at = now(deps);
  const consumed = await deps.db.transaction(async (tx) => {
    if (!(await store.consumePasswordReset(tx, hashToken(input.token), user.id, at))) return false;
    await store.updateUser(tx, user.id, { passwordHash, updatedAt: at });
    await store.retirePasswordResets(tx, user.id, at);
    await store.revokeRefreshTokens(tx, user.id, at);
    return true;
  });
  if (!consumed) throw confirmError('Invalid or expired token.');
}
