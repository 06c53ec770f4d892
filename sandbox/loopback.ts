/**
 * A loopback-only HTTP server that can be stopped without leaving a handle behind (keep-alive
 * sockets included), shared by the sandbox business and the stand-in hook URL.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
  readonly port: number;
  close(): Promise<void>;
}

export async function listenOnLoopback(handler: http.RequestListener, port = 0): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  server.keepAliveTimeout = 1000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
