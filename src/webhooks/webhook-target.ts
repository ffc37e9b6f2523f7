import { BlockList, isIP } from 'node:net';
import { lookup } from 'node:dns/promises';
import type { Config } from '../config.js';

// Where a webhook may point. A trust's administrator names a URL; the server
// then posts to it, so a URL must not turn the server into a way into a
// private network (its own loopback, the cloud's metadata address, the
// hospital's internal systems). Only https, unless WEBHOOK_ALLOW_HTTP=on; no
// private, loopback, link-local or reserved address, unless WEBHOOK_ALLOWED_HOSTS
// names the host, the address or its range. Checked when the webhook is
// registered and again, on the address actually connected to, at every delivery.

const PRIVATE_V4 = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const;
const PRIVATE_V6 = [['::', 128], ['::1', 128], ['100::', 64], ['2001:db8::', 32], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const;

const privateRanges = new BlockList();
for (const [network, prefix] of PRIVATE_V4) privateRanges.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of PRIVATE_V6) privateRanges.addSubnet(network, prefix, 'ipv6');

const family = (address: string) => (isIP(address) === 6 ? 'ipv6' : 'ipv4');
/** An IPv4 address written as IPv6 (::ffff:10.0.0.1, or ::ffff:a00:1 as URLs write it) is that IPv4 address. */
function plain(address: string): string {
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1]!;
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return address;
  const [high, low] = [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16)];
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export interface TargetPolicy {
  allowHttp: boolean;
  /** Hostnames allowed to be private, lower case. */
  hosts: Set<string>;
  addresses: BlockList;
}

export function targetPolicy(config: Pick<Config, 'WEBHOOK_ALLOW_HTTP' | 'WEBHOOK_ALLOWED_HOSTS'>): TargetPolicy {
  const hosts = new Set<string>();
  const addresses = new BlockList();
  for (const entry of config.WEBHOOK_ALLOWED_HOSTS.split(',').map((e) => e.trim().toLowerCase()).filter(Boolean)) {
    const [network, prefix] = entry.split('/');
    if (prefix !== undefined && isIP(network!)) addresses.addSubnet(network!, Number(prefix), family(network!));
    else if (isIP(entry)) addresses.addAddress(entry, family(entry));
    else hosts.add(entry);
  }
  return { allowHttp: config.WEBHOOK_ALLOW_HTTP === 'on', hosts, addresses };
}

/** Why this address may not be posted to, or null when it may. */
export function refusedAddress(address: string, hostname: string, policy: TargetPolicy): string | null {
  const ip = plain(address);
  if (!privateRanges.check(ip, family(ip))) return null;
  if (policy.hosts.has(hostname.toLowerCase()) || policy.addresses.check(ip, family(ip))) return null;
  return `points at a private or reserved network address (${ip}); an administrator of the service can allow it in WEBHOOK_ALLOWED_HOSTS`;
}

const LOOKUP_MS = 3000;

/** The host of a URL, an IPv6 address without its brackets. */
export const bareHost = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, '$1');

/** The problem with a webhook URL, or null when it may be registered. A name that does not resolve now is let through: it is checked again at each delivery. */
export async function problemWithUrl(text: string, policy: TargetPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return 'Enter the full address of the webhook, starting with https://';
  }
  if (url.protocol !== 'https:' && !(policy.allowHttp && url.protocol === 'http:')) return 'The webhook address must start with https://';
  if (url.username || url.password) return 'Leave the user name and password out of the webhook address: the signature proves who sent each event';
  const host = bareHost(url);
  if (isIP(host)) return withPrefix(refusedAddress(host, host, policy));
  if (host === 'localhost' || host.endsWith('.localhost')) return withPrefix(refusedAddress('127.0.0.1', host, policy));
  const found = await Promise.race([
    lookup(host, { all: true }).catch(() => []),
    new Promise<[]>((resolve) => setTimeout(() => resolve([]), LOOKUP_MS).unref()),
  ]);
  for (const { address } of found) {
    const refused = refusedAddress(address, host, policy);
    if (refused) return withPrefix(refused);
  }
  return null;
}

const withPrefix = (reason: string | null) => (reason ? `The webhook address ${reason}` : null);

