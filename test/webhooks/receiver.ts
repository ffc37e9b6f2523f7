import { createHmac, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// A webhook receiver on the loopback, written the way a trust's integrator
// would: it checks X-Signature-256 against the raw body with the shared
// secret before believing anything, and answers with the statuses it is told.

export interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  signatureValid: boolean;
}

export interface Receiver {
  url: string;
  received: Received[];
  /** Statuses to answer with next, in order; 204 once they run out. */
  answers: number[];
  close(): Promise<void>;
}

export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const received: Received[] = [];
  const answers: number[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const signatureValid = verifySignature(secret, body, req.headers['x-signature-256'] as string | undefined);
      received.push({ headers: req.headers, body, signatureValid });
      res.statusCode = signatureValid ? answers.shift() ?? 204 : 401;
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/plans-webhook`, received, answers, close: () => new Promise((resolve) => server.close(() => resolve())) };
}
