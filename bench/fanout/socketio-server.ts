/**
 * Fan-out server (3): Socket.IO 4 as its documentation shows it. Each client joins one room; every
 * `m` event is re-emitted with `io.to(room).emit` (the adapter encodes the packet once per
 * broadcast). WebSocket transport only, no HTTP long-polling. Runs as a child of `npm run bench`.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { serveChild } from '../lib/server-child.js';

const ROOM = 'bench';

serveChild(async () => {
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], serveClient: false });
  io.on('connection', (socket) => {
    void socket.join(ROOM);
    socket.on('m', (payload: unknown) => {
      io.to(ROOM).emit('m', payload);
    });
    socket.emit('ready');
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(0, '127.0.0.1', () => resolve());
  });
  const address = http.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        io.disconnectSockets(true);
        void io.close(() => resolve());
      }),
  };
});
