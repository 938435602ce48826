// A local double of Slack's Socket Mode endpoint: the WebSocket URL apps.connections.open hands out. It greets each
// connection with `hello`, delivers envelopes as Slack does, records the app's acknowledgements, and answers pings.
// A minimal RFC 6455 server (text, ping, close; unfragmented frames), enough for the Slack SDK's client.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const TEXT = 0x1;
const CLOSE = 0x8;
const PING = 0x9;
const PONG = 0xa;

export interface Envelope {
  envelope_id: string;
  type: 'slash_commands' | 'interactive' | 'events_api';
  payload: Record<string, unknown>;
  accepts_response_payload: boolean;
}

function frame(opcode: number, payload: Buffer): Buffer {
  const length = payload.length;
  const head = Buffer.alloc(length < 126 ? 2 : length < 65_536 ? 4 : 10);
  head[0] = 0x80 | opcode;
  if (length < 126) head[1] = length;
  else if (length < 65_536) {
    head[1] = 126;
    head.writeUInt16BE(length, 2);
  } else {
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(length), 2);
  }
  return Buffer.concat([head, payload]);
}

/** Complete client frames at the front of `buffer` (clients always mask), and what is left over. */
function readFrames(buffer: Buffer): { frames: Array<{ opcode: number; payload: Buffer }>; rest: Buffer } {
  const frames: Array<{ opcode: number; payload: Buffer }> = [];
  let at = 0;
  for (;;) {
    if (buffer.length - at < 2) break;
    const opcode = buffer[at]! & 0x0f;
    let length = buffer[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (buffer.length < offset + 2) break;
      length = buffer.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (buffer.length < offset + 8) break;
      length = Number(buffer.readBigUInt64BE(offset));
      offset += 8;
    }
    if (buffer.length < offset + 4 + length) break;
    const mask = buffer.subarray(offset, offset + 4);
    const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i]! ^= mask[i % 4]!;
    frames.push({ opcode, payload });
    at = offset + 4 + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

export class SocketModeDouble {
  /** Every acknowledgement the app sent: `{ envelope_id, payload }`. */
  readonly acks: Array<{ envelope_id: string; payload?: Record<string, unknown> }> = [];
  private server?: Server;
  private sockets = new Set<Duplex>();
  port = 0;

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  async start(): Promise<void> {
    this.server = createServer((_req, res) => res.writeHead(426).end());
    this.server.on('upgrade', (req, socket) => {
      const accept = createHash('sha1').update(`${req.headers['sec-websocket-key']}${GUID}`).digest('base64');
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
      );
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
      socket.on('error', () => this.sockets.delete(socket));
      let pending: Buffer = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
        pending = rest;
        for (const { opcode, payload } of frames) {
          if (opcode === TEXT) this.acks.push(JSON.parse(payload.toString('utf8')));
          else if (opcode === PING) socket.write(frame(PONG, payload));
          else if (opcode === CLOSE) socket.end(frame(CLOSE, payload));
        }
      });
      socket.write(
        frame(
          TEXT,
          Buffer.from(
            JSON.stringify({
              type: 'hello',
              num_connections: 1,
              connection_info: { app_id: 'A0001' },
              debug_info: { host: 'double', approximate_connection_time: 18060 },
            }),
          ),
        ),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  /** Delivers an envelope to every connected app, as Slack would over the socket. */
  send(envelope: Envelope): void {
    for (const socket of this.sockets) socket.write(frame(TEXT, Buffer.from(JSON.stringify(envelope))));
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
