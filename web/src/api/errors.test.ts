import { describe, expect, it } from 'vitest';
import { errorMessage, fieldErrorsOf, humanizeField } from './errors.js';

describe('error bodies to messages', () => {
  it('reads detail, error and message bodies', () => {
    expect(errorMessage(401, { detail: 'Authentication credentials were not provided.' })).toBe(
      'Authentication credentials were not provided.',
    );
    expect(errorMessage(401, { error: 'Invalid credentials' })).toBe('Invalid credentials');
    expect(errorMessage(404, { detail: 'Not found.', code: 'not_found' })).toBe('Not found.');
    expect(errorMessage(400, { message: 'Nope' })).toBe('Nope');
  });

  it('says a message once when a body carries it under several keys', () => {
    expect(
      errorMessage(401, {
        detail: 'No active account found with the given credentials',
        error: 'Invalid credentials',
      }),
    ).toBe('No active account found with the given credentials');
    expect(errorMessage(400, { non_field_errors: ['Invalid user.'], detail: 'Bad request' })).toBe(
      'Invalid user.',
    );
  });

  it('reads DRF field errors with field names, and non_field_errors without', () => {
    expect(errorMessage(400, { non_field_errors: ["Passwords don't match."] })).toBe(
      "Passwords don't match.",
    );
    expect(errorMessage(400, { email: ['Email already exists.'], username: ['Too short.', 'Taken.'] })).toBe(
      'Email: Email already exists. Username: Too short. Username: Taken.',
    );
    expect(fieldErrorsOf({ email: ['Email already exists.'], code: 'invalid' })).toEqual({
      email: ['Email already exists.'],
    });
  });

  it('unwraps nested validation errors ({error: {field: [...]}})', () => {
    expect(errorMessage(400, { error: { segment_name: ['Segment name cannot be empty.'] } })).toBe(
      'Segment name: Segment name cannot be empty.',
    );
    expect(fieldErrorsOf({ detail: { display_name: 'Too long' } })).toEqual({ display_name: ['Too long'] });
  });

  it('falls back to the status for empty, HTML or unknown bodies', () => {
    expect(errorMessage(500, null)).toBe('The server had a problem. Please try again.');
    expect(errorMessage(502, '<html><body>Bad gateway</body></html>')).toBe(
      'The server had a problem. Please try again.',
    );
    expect(errorMessage(429, {})).toBe('Too many requests. Please wait a moment and try again.');
    expect(errorMessage(0, null)).toMatch(/Could not reach the server/);
    expect(errorMessage(418, 'short text')).toBe('short text');
  });

  it('humanizes field names', () => {
    expect(humanizeField('display_name')).toBe('Display name');
    expect(humanizeField('password2')).toBe('Password2');
  });
});
