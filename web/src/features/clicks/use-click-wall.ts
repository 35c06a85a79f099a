/**
 * The click wall's live state in the browser: one Socket.IO connection to /api/socket.io (same
 * origin), the seed's events, and the counters kept as the seed's clients keep them (stats sets
 * them, each click adds one). Names, comments and toasts are plain strings rendered as text.
 */
import { io, type Socket } from 'socket.io-client';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Click {
  user: string;
  comment: string | null;
  style: string | null;
  timestamp: number;
}
export interface Toast {
  id: number;
  text: string;
}

export interface ClickWallState {
  connected: boolean;
  total: number;
  today: number;
  online: number;
  clicks: Click[];
  toasts: Toast[];
}

const KEEP_CLICKS = 40;
const KEEP_TOASTS = 5;
let toastIds = 0;

/** Connects while the component is mounted; returns the state and the socket for emitting. */
export function useClickWall(name: string | null): { state: ClickWallState; socket: Socket | null } {
  const [state, setState] = useState<ClickWallState>({
    connected: false,
    total: 0,
    today: 0,
    online: 0,
    clicks: [],
    toasts: [],
  });
  const socketRef = useRef<Socket | null>(null);
  const nameRef = useRef(name);
  nameRef.current = name;

  useEffect(() => {
    const socket = io({ path: '/api/socket.io' });
    socketRef.current = socket;
    socket.on('connect', () => {
      setState((s) => ({ ...s, connected: true }));
      if (nameRef.current) socket.emit('auth', nameRef.current);
    });
    socket.on('disconnect', () => setState((s) => ({ ...s, connected: false })));
    socket.on('stats', (p: { click_count_total: number; click_count_today: number }) =>
      setState((s) => ({ ...s, total: p.click_count_total, today: p.click_count_today })),
    );
    socket.on('status', (p: { user_count: number }) => setState((s) => ({ ...s, online: p.user_count })));
    socket.on('click', (c: Click) =>
      setState((s) => ({
        ...s,
        total: s.total + 1,
        today: s.today + 1,
        clicks: [c, ...s.clicks].slice(0, KEEP_CLICKS),
      })),
    );
    socket.on('message', (m: { text: string }) => {
      const toast = { id: (toastIds += 1), text: String(m.text) };
      setState((s) => ({ ...s, toasts: [...s.toasts, toast].slice(-KEEP_TOASTS) }));
      setTimeout(() => setState((s) => ({ ...s, toasts: s.toasts.filter((t) => t.id !== toast.id) })), 5000);
    });
    return () => {
      socket.close();
      socketRef.current = null;
    };
  }, []);

  return { state, socket: socketRef.current };
}

/** Colour of a click's style classes (the seed's names) for Roomful's own pages. */
export function styleColor(style: string | null): string | undefined {
  const colors: Record<string, string> = {
    green: '#2e9d4a',
    purple: '#8a4fd8',
    blue: '#2f6fd6',
    yellow: '#c9a400',
    black: '#222',
    white: '#bbb',
    fire: '#e0531f',
  };
  for (const cls of (style ?? '').split(' ')) if (colors[cls]) return colors[cls];
  return undefined;
}

/** Fetches one of the seed's JSON routes. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
  return (await res.json()) as T;
}
