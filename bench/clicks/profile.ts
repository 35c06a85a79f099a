/**
 * Optional CPU profile of the click storm's server child (`CLICKS_CPU_PROF=<dir>`), taken through
 * the inspector because `--cpu-prof` cannot be passed through NODE_OPTIONS to a forked child.
 */
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

/** Starts profiling when `dir` is set; the returned function writes the profile (no-op otherwise). */
export async function startCpuProfile(dir: string | undefined): Promise<() => Promise<void>> {
  if (!dir) return async () => {};
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = await session.post('Profiler.stop');
    await writeFile(join(dir, `clicks-server-${process.pid}.cpuprofile`), JSON.stringify(profile));
    session.disconnect();
  };
}
