/**
 * Frames the gateway itself understands on every endpoint, whatever the module's dialect.
 * - `time_sync`: NTP-style clock-offset sample. The client sends `{type:"time_sync", t0}` (its
 *   clock), the server answers `{type:"time_sync", t0, server_time}`; the client keeps the sample
 *   with the lowest round trip and estimates offset = server_time - (t0 + t1) / 2.
 * Frames of recorded topics carry `seq` for clients that connect with `?seq=1`; reconnecting with
 * `?since=<last seq>` replays what was missed, or the module sends a fresh snapshot.
 */
export interface TimeSyncRequest {
  type: 'time_sync';
  t0: number;
}

export interface TimeSyncReply {
  type: 'time_sync';
  t0: number;
  server_time: number;
}

export const TIME_SYNC = 'time_sync';
