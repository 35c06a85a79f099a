/**
 * One live run socket for a page: connects (forever, with backoff) to a dashboard or overlay path
 * with `?snapshot=1`, so every (re)connect the server cannot replay redraws from a fresh snapshot,
 * and folds every frame into the page's state. `tick` re-renders running timers every 100 ms.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { auth } from '../../api/session.js';
import { RealtimeClient, type RealtimeState } from '../../realtime/client.js';
import { applyFrame, emptyState, type RunState } from './model.js';

export interface RunSocket {
  state: RunState;
  status: RealtimeState['status'];
  send: (frame: Record<string, unknown>) => void;
  serverNow: () => number;
}

export function useRunSocket(
  path: string,
  options: { withToken: boolean; tickMs?: number; control?: string | null },
): RunSocket {
  const [state, setState] = useState<RunState>(emptyState);
  const [status, setStatus] = useState<RealtimeState['status']>('connecting');
  const [, setTick] = useState(0);
  const clientRef = useRef<RealtimeClient<Record<string, unknown>, Record<string, unknown>> | null>(null);

  useEffect(() => {
    const client = new RealtimeClient<Record<string, unknown>, Record<string, unknown>>(path, {
      token: options.withToken ? () => auth.accessToken() : undefined,
      query: { snapshot: 1, ...(options.control ? { control: options.control } : {}) },
      onFrame: (frame) => setState((current) => applyFrame(current, frame, client.serverNow())),
      onState: (s) => setStatus(s.status),
    });
    clientRef.current = client;
    return () => client.close();
  }, [path, options.withToken, options.control]);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), options.tickMs ?? 100);
    return () => clearInterval(timer);
  }, [options.tickMs]);

  return {
    state,
    status,
    send: (frame) => clientRef.current?.send(frame),
    serverNow: () => clientRef.current?.serverNow() ?? Date.now(),
  };
}
