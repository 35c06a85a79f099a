/**
 * Chart.js colours taken from the page's CSS custom properties, so axis text and grid lines stay
 * readable in both the light and the dark theme (Chart.js defaults to grey on any background).
 */
export function chartTheme(): { text: string; grid: string } {
  const css = getComputedStyle(document.documentElement);
  return {
    text: css.getPropertyValue('--muted').trim() || '#5b5d6b',
    grid: css.getPropertyValue('--border').trim() || '#dcdce6',
  };
}

/** Axis options with the theme's colours, for a chart's `options.scales`. */
export function themedScales(extra: { beginAtZero?: boolean } = {}) {
  const { text, grid } = chartTheme();
  const axis = { ticks: { color: text }, grid: { color: grid }, ...extra };
  return { x: axis, y: axis };
}
