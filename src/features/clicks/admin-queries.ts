/** What the staff admin overview reads of the click wall: today's clicks in the wall's time zone. */
import type { AppContext } from '../../server/context.js';
import { readTotals } from './store.js';
import { dayKey } from './time.js';

/** Clicks stored today (the local day of CLICKS_TIME_ZONE) and in all. */
export async function clickTotals(ctx: AppContext): Promise<{ today: number; total: number }> {
  const today = dayKey(ctx.clock.now(), ctx.config.clicksTimeZone);
  return readTotals(ctx.database.db, today);
}
