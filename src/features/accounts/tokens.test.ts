import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TokenService } from './tokens.js';

const tokens = new TokenService('unit-test-secret-unit-test-secret-0123', 300, 3600);
const user = (displayName: string) => ({
  id: '00000000-0000-4000-8000-00000000000a',
  username: 'ada',
  displayName,
  isGuest: false,
  isStaff: false,
  isPremium: false,
});

describe('access tokens', () => {
  it('[ACC-19] the payload decodes with plain atob() (Wiperino auth.js) whatever the display name', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 50 }), async (name) => {
        const token = await tokens.issueAccess(user(name));
        const payload = token.split('.')[1] ?? '';
        expect(payload).not.toMatch(/[-_]/);
        const claims = JSON.parse(atob(payload + '='.repeat((4 - (payload.length % 4)) % 4))) as {
          exp: number;
        };
        expect(claims.exp).toBeGreaterThan(0);
        expect((await tokens.verifyAccess(token))?.displayName).toBe(name);
      }),
      { numRuns: 300 },
    );
    const tricky = await tokens.issueAccess(user('who?~> é ✓'));
    expect((await tokens.verifyAccess(tricky))?.displayName).toBe('who?~> é ✓');
  });
});
