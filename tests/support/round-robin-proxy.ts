// One loopback port in front of several bot instances, as compose.yaml's nginx: each request goes to the
// next instance in turn; one whose instance refuses the connection (stopped, killed) is passed to the next,
// as nginx's `proxy_next_upstream error` does. Connections are not kept alive, so a killed instance shows
// as a refused connection, never as a request half-sent on a stale socket.
import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobinProxy {
  url: string;
  /** How many requests each backend answered, by its base URL. */
  answered: Map<string, number>;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startRoundRobinProxy(backends: readonly string[]): Promise<RoundRobinProxy> {
  let next = 0;
  const answered = new Map(backends.map((backend) => [backend, 0]));
  const forward = (backend: string, req: IncomingMessage, body: Buffer) =>
    new Promise<IncomingMessage>((resolve, reject) => {
      const target = new URL(req.url ?? '/', backend);
      const outgoing = httpRequest(target, { method: req.method, headers: { ...req.headers, host: target.host, connection: 'close' }, agent: false }, resolve);
      outgoing.once('error', reject);
      outgoing.end(body);
    });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const start = next;
      next = (next + 1) % backends.length;
      for (let tried = 0; tried < backends.length; tried += 1) {
        const backend = backends[(start + tried) % backends.length]!;
        let answer: IncomingMessage;
        try {
          answer = await forward(backend, req, body);
        } catch (error) {
          // Refused: the instance never saw the request, so another may take it.
          if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') continue;
          res.writeHead(502).end();
          return;
        }
        answered.set(backend, (answered.get(backend) ?? 0) + 1);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
        return;
      }
      res.writeHead(502).end();
    })();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    answered,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
