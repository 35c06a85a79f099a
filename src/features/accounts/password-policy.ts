/**
 * Django's default password validators, as Premium Chat Lobby ran them: minimum length 8, not a
 * common password, not entirely numeric, not too similar to the username or email. Messages are
 * Django's, so DRF-style clients show them unchanged.
 */

const MIN_LENGTH = 8;
/** Django's UserAttributeSimilarityValidator default. */
const MAX_SIMILARITY = 0.7;

/**
 * The most common leaked passwords (a short list: Django ships 20,000; these are the head of it that
 * a length rule alone would let through, plus a few shorter ones for completeness).
 */
const COMMON_PASSWORDS = new Set(
  `
  password password1 password12 password123 passw0rd p@ssw0rd p@ssword 12345678 123456789
  1234567890 123123123 11111111 00000000 87654321 qwertyuiop qwerty123 qwerty12 qwertyui 1q2w3e4r
  1q2w3e4r5t zaq12wsx 1qaz2wsx asdfghjkl asdfasdf iloveyou iloveyou1 sunshine princess football
  baseball welcome1 welcome123 superman batman123 trustno1 starwars whatever computer michelle
  jennifer jordan23 liverpool charlie1 mustang1 shadow12 master12 letmein1 letmein123 abcd1234
  abc12345 aa123456 qwe123456 changeme administrator admin123 admin1234 passpass testtest test1234
  testuser internet dragon12 monkey12 freedom1 whatever1 access14 hello123 lovely12 secret12
  samsung1 password! qwerty password2 azerty123 google123 chocolate butterfly basketball pokemon1
  soccer12 anthony1 jessica1 michael1 nicole12 daniel12 ashley12 qazwsxedc zxcvbnm1 zxcvbnm123
  q1w2e3r4 q1w2e3r4t5 blink182 fuckyou1 987654321 123456 1234567 abc123 monkey dragon letmein
  admin welcome
`
    .split(/\s+/u)
    .filter(Boolean),
);

/** Python's SequenceMatcher.quick_ratio: 2 * (shared characters, with multiplicity) / total length. */
function quickRatio(a: string, b: string): number {
  const counts = new Map<string, number>();
  for (const ch of b) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let matches = 0;
  for (const ch of a) {
    const left = counts.get(ch) ?? 0;
    if (left > 0) {
      counts.set(ch, left - 1);
      matches += 1;
    }
  }
  const total = [...a].length + [...b].length;
  return total === 0 ? 1 : (2 * matches) / total;
}

/** Django skips the comparison when the password is so much longer than the value that it cannot be similar. */
function exceedsLengthRatio(password: string, value: string): boolean {
  const passwordLength = password.length;
  return passwordLength >= 10 * value.length && value.length < (MAX_SIMILARITY / 2) * passwordLength;
}

function tooSimilar(password: string, value: string): boolean {
  const lowerPassword = password.toLowerCase();
  const lowerValue = value.toLowerCase();
  if (exceedsLengthRatio(lowerPassword, lowerValue)) return false;
  // Like Django: the whole value and each of its word parts (so "john.smith" checks "john" and "smith").
  const parts = [lowerValue, ...lowerValue.split(/\W+/u)].filter((part) => part.length > 0);
  return parts.some((part) => quickRatio(lowerPassword, part) >= MAX_SIMILARITY);
}

/** The user attributes a password is compared with. */
export interface PasswordContext {
  username?: string | undefined;
  email?: string | undefined | null;
}

/** Every rule the password breaks, in Django's order and words; empty when it is acceptable. */
export function passwordPolicyErrors(password: string, context: PasswordContext = {}): string[] {
  const errors: string[] = [];
  if (context.username && tooSimilar(password, context.username)) {
    errors.push('The password is too similar to the username.');
  } else if (context.email && tooSimilar(password, context.email)) {
    errors.push('The password is too similar to the email address.');
  }
  if ([...password].length < MIN_LENGTH) {
    errors.push(`This password is too short. It must contain at least ${MIN_LENGTH} characters.`);
  }
  if (COMMON_PASSWORDS.has(password.trim().toLowerCase())) errors.push('This password is too common.');
  if (/^\d+$/.test(password)) errors.push('This password is entirely numeric.');
  return errors;
}
