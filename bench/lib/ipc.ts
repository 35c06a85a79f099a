/**
 * The messages a benchmark server child and the parent exchange over Node's IPC channel. The child
 * reports its own CPU time (process.cpuUsage) so the parent can measure exactly the server's work.
 */

/** Parent -> child. */
export type ParentMessage = { type: 'cpu'; id: number } | { type: 'stop' };

/** Child -> parent. */
export type ChildMessage =
  | { type: 'listening'; port: number }
  | { type: 'failed'; error: string }
  | { type: 'cpu'; id: number; user: number; system: number; rss: number; maxStallMs: number }
  | { type: 'stopped' };

/** CPU time of a process in microseconds, plus its resident memory in bytes. */
export interface CpuSample {
  user: number;
  system: number;
  rss: number;
  /** Longest event-loop delay since the previous sample, in ms. */
  maxStallMs: number;
}
