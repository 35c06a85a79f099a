/**
 * Fan-out server (2): a plain `ws` broadcast server written the naive way, as a baseline. Each
 * received message is parsed and serialized once, then `ws.send(text)` is called per client (so ws
 * encodes and frames the text per recipient and writes each frame on its own). Runs as a child of
 * `npm run bench`.
 */
import { WebSocket, WebSocketServer } from 'ws';
import { serveChild } from '../lib/server-child.js';

serveChild(async () => {
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, perMessageDeflate: false });
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve);
    wss.once('error', reject);
  });
  wss.on('connection', (ws) => {
    ws.on('message', (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return;
      }
      const text = JSON.stringify(message);
      for (const client of wss.clients) if (client.readyState === WebSocket.OPEN) client.send(text);
    });
    ws.send(JSON.stringify({ type: 'ready' }));
  });
  const address = wss.address();
  if (!address || typeof address !== 'object') throw new Error('no port');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of wss.clients) client.terminate();
        wss.close(() => resolve());
      }),
  };
});
