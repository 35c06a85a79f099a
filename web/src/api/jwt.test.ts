import { describe, expect, it } from 'vitest';
import { fakeJwt } from '../test-support/jwt.js';
import { decodeJwtPayload, expiresAt, isExpired, refreshDelay } from './jwt.js';

describe('JWT payload reading', () => {
  it('decodes base64url payloads, including non-ASCII names', () => {
    const token = fakeJwt({ exp: 2000, username: 'zoë', display_name: 'Zoë ☕' });
    expect(decodeJwtPayload(token)).toEqual({ exp: 2000, username: 'zoë', display_name: 'Zoë ☕' });
    expect(expiresAt(token)).toBe(2_000_000);
  });

  it('returns null for things that are not JWTs', () => {
    expect(decodeJwtPayload(null)).toBeNull();
    expect(decodeJwtPayload('abc')).toBeNull();
    expect(decodeJwtPayload('a.!!!.c')).toBeNull();
    expect(decodeJwtPayload(`a.${Buffer.from('[1]').toString('base64url')}.c`)).toBeNull();
    expect(expiresAt(fakeJwt({ sub: 'x' }))).toBeNull();
  });

  it('tells expiry with a margin', () => {
    const token = fakeJwt({ exp: 100 });
    expect(isExpired(token, 99_000)).toBe(false);
    expect(isExpired(token, 100_000)).toBe(true);
    expect(isExpired(token, 95_000, 10_000)).toBe(true);
    expect(isExpired(null, 0)).toBe(true);
  });

  it('schedules refresh a minute before expiry, or at 80% of a short life', () => {
    expect(refreshDelay(fakeJwt({ iat: 0, exp: 300 }), 0)).toBe(240_000);
    expect(refreshDelay(fakeJwt({ iat: 0, exp: 60 }), 0)).toBe(48_000);
    expect(refreshDelay(fakeJwt({ exp: 300 }), 0)).toBe(240_000);
    expect(refreshDelay(fakeJwt({ iat: 0, exp: 300 }), 299_000)).toBe(1000);
    expect(refreshDelay('nope', 0)).toBeNull();
  });
});
