/**
 * A loopback-only HTTP server that can be stopped without leaving a handle behind (keep-alive
 * sockets included), shared by the sandbox business and the stand-in hook URL.
 *
 * Keep-alive: an idle connection is kept KEEP_ALIVE_MS, longer than a client keeps an idle socket
 * (Node's global agent, which core's node-fetch uses: 5 s), so the client is always the one to close it.
 * A server that closed first could close a socket the client is just reusing (a reset request), and every
 * pause longer than the server's timeout would cost a new TCP handshake: the benchmark would measure those.
 */
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** How long an idle keep-alive connection stays open (Node's global agent drops its idle sockets after 5 s). */
export const KEEP_ALIVE_MS = 65_000;

/** Pending connections the kernel queues (a 500-event delivery opens hundreds at once; Node's default is 511). */
const BACKLOG = 4096;

export interface LoopbackServer {
  readonly port: number;
  /** TCP connections accepted so far (with keep-alive, far fewer than requests). */
  readonly connections: number;
  close(): Promise<void>;
}

export async function listenOnLoopback(handler: http.RequestListener, port = 0): Promise<LoopbackServer> {
  const server = http.createServer(handler);
  const sockets = new Set<Socket>();
  let connections = 0;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // a request's headers must arrive within this; Node wants it above the keep-alive timeout
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  server.on('connection', (socket) => {
    connections += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', BACKLOG, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
      }),
  };
}
