/** The HTTP plumbing the test servers (fake Odoo, fake LLM) share. */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface LoopbackServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** Cancels the `timers` still waiting, drops open connections and stops listening. */
  close: () => Promise<void>;
}

/**
 * Serves `handle` on a free port of 127.0.0.1. A bug in the test server
 * itself (the handler throws) is answered 500 with `name` and the stack, so
 * the test sees it.
 */
export async function serveOnLoopback(name: string, handle: (req: IncomingMessage, res: ServerResponse) => Promise<void>, timers: Set<NodeJS.Timeout>): Promise<LoopbackServer> {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`${name} internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}
