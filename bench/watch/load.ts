/**
 * The watch scenario's load client: guests through the real REST API, one public room, viewers that
 * join (REST) and connect (`ws/room/<code>/?token=`) in batches, and the host's PLAY/SEEK commands
 * with the time each viewer received the resulting PLAYBACK_STATE. One process, one clock.
 */
import WebSocket from 'ws';

export interface Http {
  base: string;
  post(
    path: string,
    body: unknown,
    token?: string,
  ): Promise<{ status: number; body: Record<string, unknown> }>;
}

export function http(base: string): Http {
  return {
    base,
    async post(path, body, token) {
      const res = await fetch(`${base}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
  };
}

export interface Guest {
  name: string;
  token: string;
}

/** Creates `count` guests, `concurrency` requests at a time. */
export async function guests(api: Http, count: number, prefix: string, concurrency = 25): Promise<Guest[]> {
  const out: Guest[] = [];
  for (let i = 0; i < count; i += concurrency) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(concurrency, count - i) }, async (_, k) => {
        const name = `${prefix}${(i + k).toString(36)}`;
        const res = await api.post('/api/auth/guest/', { display_name: name });
        if (res.status !== 200 && res.status !== 201) throw new Error(`guest: ${res.status}`);
        return { name, token: String(res.body.access) };
      }),
    );
    out.push(...batch);
  }
  return out;
}

/** A room socket. Frames are parsed only when they may be a PLAYBACK_STATE (join-storm frames are big). */
export interface RoomSocket {
  ws: WebSocket;
  closeCode: number | null;
  /** `version` of the join snapshot. */
  snapshotVersion: number;
}

export function openRoomSocket(
  url: string,
  onState: (frame: { version: number }) => void,
  timeoutMs = 30_000,
): Promise<RoomSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { skipUTF8Validation: true });
    const socket: RoomSocket = { ws, closeCode: null, snapshotVersion: -1 };
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no PLAYBACK_STATE after connect'));
    }, timeoutMs);
    let joined = false;
    ws.on('message', (data: Buffer) => {
      // `{"type":"PLAYBACK_STATE"` sits at the start; ROOM_PARTICIPANTS frames are skipped unread.
      if (data.length > 400 || data.indexOf('PLAYBACK_STATE') !== 9) return;
      const frame = JSON.parse(data.toString()) as { version: number };
      if (!joined) {
        // The first one is the join snapshot: the socket is in the room now.
        joined = true;
        socket.snapshotVersion = frame.version;
        clearTimeout(timer);
        resolve(socket);
        return;
      }
      onState(frame);
    });
    ws.on('close', (code) => {
      socket.closeCode = code;
      if (!joined) {
        clearTimeout(timer);
        reject(new Error(`closed ${code} before joining`));
      }
    });
    ws.on('error', () => undefined);
  });
}

/** Waits until no socket received anything for `quietMs` (the join storm drained), at most `maxMs`. */
export async function waitQuiet(sockets: RoomSocket[], quietMs: number, maxMs: number): Promise<number> {
  let last = performance.now();
  const touch = (): void => {
    last = performance.now();
  };
  for (const s of sockets) s.ws.on('message', touch);
  const started = performance.now();
  while (performance.now() - last < quietMs && performance.now() - started < maxMs) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  for (const s of sockets) s.ws.off('message', touch);
  return performance.now() - started;
}
