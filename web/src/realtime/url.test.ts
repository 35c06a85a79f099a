import { describe, expect, it } from 'vitest';
import { buildSocketUrl } from './url.js';

describe('socket URLs', () => {
  it('uses ws: on http and wss: on https, on the page host, always with seq=1', () => {
    expect(buildSocketUrl('/ws/runs/5/', { protocol: 'http:', host: 'localhost:8000' })).toBe(
      'ws://localhost:8000/ws/runs/5/?seq=1',
    );
    expect(buildSocketUrl('ws/runs/5/', { protocol: 'https:', host: 'roomful.example' })).toBe(
      'wss://roomful.example/ws/runs/5/?seq=1',
    );
  });

  it('adds the token (encoded) and since', () => {
    const url = new URL(
      buildSocketUrl('/ws/room/ABC123/', { protocol: 'http:', host: 'h' }, { token: 'a.b+c/=', since: 42 }),
    );
    expect(url.searchParams.get('seq')).toBe('1');
    expect(url.searchParams.get('token')).toBe('a.b+c/=');
    expect(url.searchParams.get('since')).toBe('42');
  });

  it('leaves out empty token and since, keeps since=0 and extra query', () => {
    expect(buildSocketUrl('/ws/x/', { protocol: 'http:', host: 'h' }, { token: '', since: null })).toBe(
      'ws://h/ws/x/?seq=1',
    );
    expect(
      buildSocketUrl(
        '/ws/x/',
        { protocol: 'http:', host: 'h' },
        { since: 0, query: { voter: 'v1', a: undefined } },
      ),
    ).toBe('ws://h/ws/x/?voter=v1&seq=1&since=0');
  });
});
