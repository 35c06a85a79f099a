import { describe, expect, it } from 'vitest';
import { DEFAULT_THEME, parseTheme, themeQuery } from './theme.js';

describe('overlay theme', () => {
  it('[RUNS-20] parses allowed values and rejects CSS injection', () => {
    const t = parseTheme(
      '?color=ff0000&bg=rgba(0,0,0,0.5)&font=Comic%20Sans&size=40&fields=total,pulls,bogus&limit=3',
    );
    expect(t).toMatchObject({
      color: '#ff0000',
      background: 'rgba(0,0,0,0.5)',
      font: 'Comic Sans',
      size: 40,
      limit: 3,
    });
    expect([...t.fields].sort()).toEqual(['pulls', 'total']);
    const evil = parseTheme('?color=red;background:url(x)&font=a};body{x&size=99999');
    expect(evil.color).toBe(DEFAULT_THEME.color);
    expect(evil.font).toBe(DEFAULT_THEME.font);
    expect(evil.size).toBe(DEFAULT_THEME.size);
  });
  it('[RUNS-20] the builder query round-trips', () => {
    const t = parseTheme('?color=%2300ff00&size=30&fields=run,total');
    expect(parseTheme(themeQuery(t))).toEqual(t);
    expect(themeQuery(DEFAULT_THEME)).toBe('');
  });
});
