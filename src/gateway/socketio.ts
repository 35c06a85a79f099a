/**
 * Mounts a Socket.IO server on the Fastify app's HTTP server, next to @fastify/websocket.
 *
 * Both want the HTTP server's `upgrade` event: the websocket plugin routes every upgrade through
 * Fastify (an unknown path gets a 404 written on the socket), and engine.io by default destroys
 * upgrades that are not its own. So the listeners are taken apart and one router decides by path:
 * upgrades under the Socket.IO path go to engine.io, all others to the plugin. Plain HTTP requests
 * under the path (Engine.IO long-polling) are intercepted by engine.io before Fastify sees them, so
 * the 404/405/SPA fallback never answers them.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { Server, type ServerOptions } from 'socket.io';

type UpgradeListener = (request: IncomingMessage, socket: Duplex, head: Buffer) => void;

export interface MountedSocketIo {
  io: Server;
  /** Disconnects every local socket and stops engine.io (idempotent). Runs on app close too. */
  close(): Promise<void>;
}

/**
 * Attaches `new Server(...)` at `options.path` (e.g. `/api/socket.io`). Call it after
 * @fastify/websocket is registered (features are). The server is closed in the app's preClose hook.
 */
export function mountSocketIo(
  app: FastifyInstance,
  options: Partial<ServerOptions> & { path: string },
): MountedSocketIo {
  const server = app.server;
  const others = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');
  const io = new Server(server, { ...options, destroyUpgrade: false, serveClient: false });
  coalesceFlushes(io);
  const engine = server.listeners('upgrade') as UpgradeListener[];
  server.removeAllListeners('upgrade');

  // engine.io matches `<path>/` as a prefix of the URL (clients always add the slash).
  const prefix = `${options.path.replace(/\/$/, '')}/`;
  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const mine = (request.url ?? '').startsWith(prefix);
    for (const listener of mine ? engine : others) listener.call(server, request, socket, head);
  });

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      // Not io.close(): that would also close the HTTP server, which Fastify closes itself.
      io.local.disconnectSockets(true);
      await Promise.allSettled([...io._nsps.values()].map((nsp) => nsp.adapter.close()));
      io.engine.close();
    })());
  // preClose: before Fastify waits for open connections, or long-polls would hold the close up.
  app.addHook('preClose', close);
  return { io, close };
}

/** What engine.io's server passes with its `flush`/`drain` events (only the parts used here). */
interface EngineSocketLike {
  transport?: { name?: string; socket?: { _socket?: { cork?(): void; uncork?(): void } } };
}

/**
 * One TCP write per engine.io flush instead of one per packet. engine.io hands a WebSocket all the
 * packets queued while its previous write was in flight, and ws writes each frame on its own (one
 * writev syscall per packet); under a click storm that syscall per click per recipient was most of
 * the server's CPU. Corking the TCP socket from the flush to the drain (both emitted synchronously
 * around `transport.send`) joins those frames into one write. Polling transports are left alone.
 */
function coalesceFlushes(io: Server): void {
  const tcp = (socket: EngineSocketLike) => {
    const transport = socket.transport;
    if (transport?.name !== 'websocket') return undefined;
    const raw = transport.socket?._socket;
    return typeof raw?.cork === 'function' && typeof raw.uncork === 'function' ? raw : undefined;
  };
  const corked = new WeakMap<EngineSocketLike, { uncork?(): void }>();
  io.engine.on('flush', (socket: EngineSocketLike) => {
    const raw = tcp(socket);
    if (!raw) return;
    raw.cork?.();
    corked.set(socket, raw);
  });
  io.engine.on('drain', (socket: EngineSocketLike) => {
    const raw = corked.get(socket);
    if (!raw) return;
    corked.delete(socket);
    raw.uncork?.();
  });
}
