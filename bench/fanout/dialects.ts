/**
 * How the load client speaks to each fan-out server. Every server gets the same `ws` client and the
 * same 100-byte JSON message, so client-side costs are alike and only the server differs. Socket.IO
 * is spoken directly (Engine.IO 4 text packets over a WebSocket) rather than through
 * socket.io-client, whose per-message cost would load the client process, not the server.
 */
import type WebSocket from 'ws';

/** What a received text frame meant. */
export type Incoming = { kind: 'ready' } | { kind: 'message'; sentAt: number } | { kind: 'other' };

export interface Dialect {
  /** Path and query of the WebSocket URL. */
  path: string;
  /** Reads one text frame; may answer protocol frames (Engine.IO handshake and pings). */
  read(text: string, ws: WebSocket): Incoming;
  /** The text frame that carries `json` (one message object) to the server. */
  wrap(json: string): string;
}

const OTHER: Incoming = { kind: 'other' };
const READY: Incoming = { kind: 'ready' };

/**
 * Fast path for the bench message `{"type":"m","i":N,"t":T,...}` (the load client reads about a
 * million of them per second on one core): reads `t` without a full JSON.parse. Anything else is
 * parsed as JSON.
 */
function readText(text: string, from: number): Incoming {
  if (text.startsWith('{"type":"m",', from)) {
    const at = text.indexOf(',"t":', from);
    if (at > 0) {
      const sentAt = Number.parseFloat(text.slice(at + 5, text.indexOf(',', at + 5)));
      if (Number.isFinite(sentAt)) return { kind: 'message', sentAt };
    }
  }
  return readMessage(JSON.parse(text.slice(from)));
}

function readMessage(value: unknown): Incoming {
  if (typeof value !== 'object' || value === null) return OTHER;
  const { type, t } = value as { type?: unknown; t?: unknown };
  if (type === 'm' && typeof t === 'number') return { kind: 'message', sentAt: t };
  if (type === 'ready') return READY;
  return OTHER;
}

/** Plain JSON text frames: Roomful's gateway and the raw ws server. */
export function plainDialect(path: string): Dialect {
  return {
    path,
    read: (text) => readText(text, 0),
    wrap: (json) => json,
  };
}

/**
 * Socket.IO 4 over Engine.IO 4: `0{...}` open -> we send `40` (connect to the main namespace);
 * `2` ping -> `3` pong; `42["event",data]` events. The server emits `ready` after joining the room.
 */
export const socketIoDialect: Dialect = {
  path: '/socket.io/?EIO=4&transport=websocket',
  read(text, ws) {
    if (text.startsWith('42["m",')) return readText(text, 7);
    if (text.startsWith('42')) {
      const [event, data] = JSON.parse(text.slice(2)) as [unknown, unknown];
      if (event === 'm') return readMessage(data);
      if (event === 'ready') return READY;
      return OTHER;
    }
    if (text === '2') ws.send('3');
    else if (text.startsWith('0{')) ws.send('40');
    else if (text.startsWith('44')) throw new Error(`socket.io connect error: ${text}`);
    return OTHER;
  },
  wrap: (json) => `42["m",${json}]`,
};
