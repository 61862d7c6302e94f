// A minimal WebSocket server (RFC 6455, text frames, ping/pong, close) on 127.0.0.1 standing in for
// Slack's Socket Mode endpoint: it greets with {type:'hello'}, sends envelopes, and records the acks.
// Hand-written on node:http so the test needs no extra package.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

export interface FakeSocketMode {
  url: string;
  received: Record<string, unknown>[];
  /** Resolves once a client has connected and been sent hello. */
  connected: Promise<void>;
  send(message: unknown): void;
  waitForAck(envelopeId: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const header = length < 126 ? Buffer.from([0x80 | opcode, length]) : length < 65536 ? Buffer.from([0x80 | opcode, 126, length >> 8, length & 0xff]) : null;
  if (!header) throw new Error('fake socket mode: frame too large');
  return Buffer.concat([header, payload]);
}

export async function startFakeSocketMode(): Promise<FakeSocketMode> {
  const received: Record<string, unknown>[] = [];
  const sockets = new Set<Duplex>();
  let current: Duplex | null = null;
  let onConnected: () => void = () => undefined;
  const connected = new Promise<void>((resolve) => (onConnected = resolve));

  const server: Server = createServer((_req, res) => res.writeHead(426).end());
  server.on('upgrade', (req, socket) => {
    const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`);
    sockets.add(socket);
    current = socket;
    let buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      // Client frames are always masked.
      while (buffer.length >= 2) {
        const opcode = buffer[0]! & 0x0f;
        let length = buffer[1]! & 0x7f;
        let offset = 2;
        if (length === 126) {
          if (buffer.length < 4) return;
          length = buffer.readUInt16BE(2);
          offset = 4;
        } else if (length === 127) {
          if (buffer.length < 10) return;
          length = Number(buffer.readBigUInt64BE(2));
          offset = 10;
        }
        if (buffer.length < offset + 4 + length) return;
        const mask = buffer.subarray(offset, offset + 4);
        const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length).map((byte, index) => byte ^ mask[index % 4]!));
        buffer = buffer.subarray(offset + 4 + length);
        if (opcode === 0x1) received.push(JSON.parse(payload.toString('utf8')) as Record<string, unknown>);
        else if (opcode === 0x9) socket.write(frame(0xa, payload));
        else if (opcode === 0x8) {
          socket.end(frame(0x8, payload));
          sockets.delete(socket);
        }
      }
    });
    socket.on('error', () => sockets.delete(socket));
    socket.write(frame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A111' } }))));
    onConnected();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `ws://127.0.0.1:${port}/link/?ticket=fake`,
    received,
    connected,
    send(message) {
      if (!current) throw new Error('fake socket mode: no client connected');
      current.write(frame(0x1, Buffer.from(JSON.stringify(message))));
    },
    async waitForAck(envelopeId, timeoutMs = 5000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        const ack = received.find((message) => message.envelope_id === envelopeId);
        if (ack) return ack;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      throw new Error(`fake socket mode: no ack for ${envelopeId}`);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
