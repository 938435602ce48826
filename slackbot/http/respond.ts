import type { IncomingMessage, ServerResponse } from 'node:http';

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

export class BodyTooLarge extends Error {}

/**
 * What is read and thrown away past a body's limit so that the sender, still uploading, gets its 413: a client
 * that is cut off mid-upload sees a connection reset, never the answer. Past this the connection is closed anyway.
 */
export const DRAIN_BYTES = 64 * 1024 * 1024;

/**
 * The request body, refusing more than `limit` bytes with BodyTooLarge once the sender has finished sending (the
 * rest is read and dropped, up to DRAIN_BYTES), so the 413 reaches it. Answer a BodyTooLarge with `tooLarge`.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit + DRAIN_BYTES) {
        reject(new BodyTooLarge(`body over ${limit} bytes`));
        req.destroy();
      } else chunks.length = 0;
    });
    req.on('end', () =>
      size > limit ? reject(new BodyTooLarge(`body over ${limit} bytes`)) : resolve(Buffer.concat(chunks)),
    );
    req.on('error', reject);
  });
}

/** The 413 for a body over its limit; the connection closes after it, so nothing more is read from it. */
export function tooLarge(res: ServerResponse, error: string): void {
  sendJson(res, 413, { error }, { connection: 'close' });
}
