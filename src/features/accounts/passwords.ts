/**
 * Password hashing with argon2id (memory-hard), at @node-rs/argon2's defaults: 19 MiB, 2 passes,
 * one lane, which is OWASP's recommended minimum and costs ~15 ms per hash.
 */
import { hash, verify } from '@node-rs/argon2';

/** Longest password accepted anywhere; bounds the work one request can cause. */
export const MAX_PASSWORD_LENGTH = 128;

/** An argon2id PHC string for `password` (the library's default algorithm is argon2id). */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/** True when `password` matches `passwordHash`; a malformed stored hash counts as a mismatch. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same time as a real check when there is no hash to check against (unknown user, guest),
 * so response times do not reveal which usernames exist.
 */
export async function burnVerifyTime(password: string): Promise<void> {
  dummyHash ??= hash('roomful-dummy-password');
  await verifyPassword(await dummyHash, password);
}
