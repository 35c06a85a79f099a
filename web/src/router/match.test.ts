import { describe, expect, it } from 'vitest';
import { findRoute, isCurrentLink, matchPath, normalizePath, safeNextPath } from './match.js';

describe('router path matching', () => {
  it('normalizes paths to a trailing slash', () => {
    expect(normalizePath('')).toBe('/');
    expect(normalizePath('/')).toBe('/');
    expect(normalizePath('/login')).toBe('/login/');
    expect(normalizePath('//runs///5')).toBe('/runs/5/');
    expect(normalizePath('/favicon.svg')).toBe('/favicon.svg');
  });

  it('matches literal and :param segments, with or without the trailing slash', () => {
    expect(matchPath('/', '/')).toEqual({});
    expect(matchPath('/login/', '/login/')).toEqual({});
    expect(matchPath('/login/', '/login')).toEqual({});
    expect(matchPath('/login/', '/login/x/')).toBeNull();
    expect(matchPath('/reset-password/:uid/:token/', '/reset-password/MQ/abc-123/')).toEqual({
      uid: 'MQ',
      token: 'abc-123',
    });
    expect(matchPath('/reset-password/:uid/:token/', '/reset-password/MQ/')).toBeNull();
    expect(matchPath('/runs/:id/', '/runs/caf%C3%A9/')).toEqual({ id: 'café' });
    expect(matchPath('/runs/:id/', '/runs/%E0%A4%A/')).toBeNull();
  });

  it('matches a prefix with a final *', () => {
    expect(matchPath('/runs/*', '/runs/')).toEqual({ rest: '' });
    expect(matchPath('/runs/*', '/runs/5/timer/')).toEqual({ rest: '5/timer' });
    expect(matchPath('/runs/*', '/runsx/')).toBeNull();
  });

  it('finds the first matching route in order', () => {
    const routes = [{ path: '/runs/create/' }, { path: '/runs/:id/' }, { path: '/runs/*' }];
    expect(findRoute(routes, '/runs/create/')?.route.path).toBe('/runs/create/');
    expect(findRoute(routes, '/runs/7')?.params).toEqual({ id: '7' });
    expect(findRoute(routes, '/runs/7/export/')?.route.path).toBe('/runs/*');
    expect(findRoute(routes, '/polls/')).toBeNull();
  });

  it('only follows next= targets on this site', () => {
    expect(safeNextPath('/runs/5/?tab=a')).toBe('/runs/5/?tab=a');
    expect(safeNextPath('//evil.example/')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example/')).toBe('/');
    expect(safeNextPath('javascript:alert(1)')).toBe('/');
    expect(safeNextPath(null, '/home/')).toBe('/home/');
  });

  it('marks a module link current on every tree of its pages', () => {
    expect(isCurrentLink('/dashboard/', '/runs/', ['/runs/', '/dashboard/'])).toBe(true);
    expect(isCurrentLink('/polls/m/abc/', '/polls/create/', ['/polls/'])).toBe(true);
    expect(isCurrentLink('/rooms/x/', '/rooms/', true)).toBe(true);
    expect(isCurrentLink('/lobbies/', '/rooms/', true)).toBe(false);
    expect(isCurrentLink('/login', '/login/')).toBe(true);
    expect(isCurrentLink('/login/x/', '/login/')).toBe(false);
  });
});
