import { createHmac } from 'node:crypto';
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { bareHost, refusedAddress, type TargetPolicy } from './webhook-target.js';

// One POST of a webhook body, signed, to an address checked as it is connected
// to: the name is resolved by our own lookup, which refuses a private address,
// so a name that pointed somewhere public when registered cannot be turned to
// the loopback later. Redirects are not followed.

export const signature = (secret: string, body: string) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

export class RefusedTargetError extends Error {}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function guardedLookup(policy: TargetPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const { address } of addresses) {
        const refused = refusedAddress(address, hostname, policy);
        if (refused) return callback(new RefusedTargetError(`The webhook address ${refused}`), []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses;
      return callback(null, first!.address, first!.family);
    });
  };
}

export interface Posted {
  status: number;
}

export function postSigned(
  target: string, body: string, secret: string, headers: Record<string, string>, policy: TargetPolicy, timeoutMs: number,
): Promise<Posted> {
  const url = new URL(target);
  const host = bareHost(url);
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) {
    return Promise.reject(new RefusedTargetError('The webhook address must start with https://'));
  }
  if (isIP(host)) {
    const refused = refusedAddress(host, host, policy);
    if (refused) return Promise.reject(new RefusedTargetError(`The webhook address ${refused}`));
  }
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(url, {
      method: 'POST',
      lookup: guardedLookup(policy) as never,
      headers: {
        'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'clinical-academic-plans-webhooks/1',
        'x-signature-256': signature(secret, body), ...headers,
      },
      timeout: timeoutMs,
    }, (response) => {
      // The answer's body is not used; read and drop it so the connection closes cleanly.
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
      response.on('error', reject);
    });
    request.on('timeout', () => request.destroy(new Error(`No answer within ${Math.round(timeoutMs / 1000)} seconds`)));
    request.on('error', reject);
    request.end(body);
  });
}
