/**
 * Calendar arithmetic for the click wall: the local day in the configured IANA time zone (the day
 * counter and `latest_clicks` roll over at local midnight) and hourly buckets. Hours are aligned to
 * the epoch (UTC hours), which are local hours in every zone with a whole-hour offset.
 */

const formats = new Map<string, Intl.DateTimeFormat>();

function format(zone: string): Intl.DateTimeFormat {
  let f = formats.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(zone, f);
  }
  return f;
}

interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localParts(ms: number, zone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const part of format(zone).formatToParts(ms))
    if (part.type !== 'literal') out[part.type] = Number(part.value);
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** Offset of `zone` from UTC at instant `ms`, in ms (positive east of Greenwich). */
function offsetAt(ms: number, zone: string): number {
  const p = localParts(ms, zone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The local date of `ms` in `zone` as `YYYY-MM-DD` (the key of the day counter). */
export function dayKey(ms: number, zone: string): string {
  const p = localParts(ms, zone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** The instant (ms) of local midnight that starts the day containing `ms` in `zone`. */
export function startOfDay(ms: number, zone: string): number {
  const p = localParts(ms, zone);
  const midnightAsUtc = Date.UTC(p.year, p.month - 1, p.day);
  // Guess with the offset at `ms`, then correct with the offset at the guess (DST changes at night).
  const guess = midnightAsUtc - offsetAt(ms, zone);
  return midnightAsUtc - offsetAt(guess, zone);
}

/** Start of the hour containing `ms`, in epoch seconds (the key of an hourly bucket). */
export function hourStart(ms: number): number {
  return Math.floor(ms / 3_600_000) * 3600;
}

/** Integer epoch seconds, the seed's timestamp unit. */
export function seconds(ms: number): number {
  return Math.floor(ms / 1000);
}
