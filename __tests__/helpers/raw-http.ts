import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Cancellation } from '../../lib/engine/deadline';
import { readBody, type BodyOutcome } from '../../lib/node/read-body';

/** Starts a server on a free loopback port and returns its port. */
export async function listen(server: http.Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

export function close(server: http.Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

/**
 * Sends the headers and only the first chunk of a body that claims (or, chunked, may turn out)
 * to be larger, then waits for the server's answer: how a test shows the server answered
 * without waiting for the rest.
 */
export function sendPartially(
  port: number,
  path: string,
  firstChunk: Buffer,
  headers: http.OutgoingHttpHeaders,
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: JSON.parse(Buffer.concat(chunks).toString()),
        });
      });
    });
    req.on('error', reject);
    req.write(firstChunk);
  });
}

/** The node adapter's body reader, as a promise of its one outcome. */
export function readBodyNow(req: IncomingMessage, limit: number, cancellation: Cancellation): Promise<BodyOutcome> {
  return new Promise((resolve) => readBody(req, limit, cancellation, resolve));
}
