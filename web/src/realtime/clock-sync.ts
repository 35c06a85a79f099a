/**
 * NTP-style clock-offset estimation over the socket. Each sample is one round trip: the client sends
 * its clock `t0`, the server answers with `server_time`, the reply arrives at client time `t1`.
 * Assuming the two legs take equally long, offset = server_time - (t0 + t1) / 2, and the error is
 * at most rtt / 2, so the sample with the lowest round trip is the most trustworthy. Only recent
 * samples are considered, so a slowly drifting clock is followed. Pure: no timers, no sockets.
 */

export interface ClockSample {
  t0: number;
  t1: number;
  serverTime: number;
  /** Round trip, ms. */
  rtt: number;
  /** Server clock minus client clock, ms. */
  offset: number;
}

/** A sample from one exchange, or null when the numbers cannot be right (reply before request). */
export function makeSample(t0: number, serverTime: number, t1: number): ClockSample | null {
  if (![t0, serverTime, t1].every(Number.isFinite) || t1 < t0) return null;
  return { t0, t1, serverTime, rtt: t1 - t0, offset: serverTime - (t0 + t1) / 2 };
}

/** The sample with the lowest round trip (the earliest one on ties), or null for none. */
export function bestSample(samples: readonly ClockSample[]): ClockSample | null {
  let best: ClockSample | null = null;
  for (const sample of samples) if (best === null || sample.rtt < best.rtt) best = sample;
  return best;
}

/** Keeps the last `window` samples and answers with the best of them. */
export class ClockEstimator {
  private samples: ClockSample[] = [];

  constructor(private readonly window = 8) {}

  /** Adds one exchange; returns false when it was rejected as impossible. */
  add(t0: number, serverTime: number, t1: number): boolean {
    const sample = makeSample(t0, serverTime, t1);
    if (!sample) return false;
    this.samples.push(sample);
    if (this.samples.length > this.window) this.samples.shift();
    return true;
  }

  get best(): ClockSample | null {
    return bestSample(this.samples);
  }

  /** Server clock minus client clock (0 until the first sample). */
  get offsetMs(): number {
    return this.best?.offset ?? 0;
  }

  /** Round trip of the best sample (NaN until the first sample). */
  get rttMs(): number {
    return this.best?.rtt ?? Number.NaN;
  }

  get sampleCount(): number {
    return this.samples.length;
  }
}
