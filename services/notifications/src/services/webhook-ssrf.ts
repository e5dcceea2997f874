import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

const blocked = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const)
  blocked.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
] as const)
  blocked.addSubnet(net, bits, 'ipv6');

/** Loopback, private, link-local, CGNAT, multicast, unspecified (and IPv4-mapped forms of them). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return blocked.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class SsrfRefused extends Error {
  constructor(
    readonly host: string,
    readonly address: string,
  ) {
    super(`endpoint ${host} resolves to a non-public address ${address}`);
    this.name = 'SsrfRefused';
  }
}

/**
 * Resolves the host now (at delivery time, so a DNS change after registration is caught) and returns
 * the address to connect to; the request is then pinned to it, so a second lookup cannot rebind.
 */
export async function resolvePublic(host: string, allowPrivate: boolean): Promise<{ address: string; family: number }> {
  const bare = host.replace(/^\[|\]$/g, '');
  const all = isIP(bare) ? [{ address: bare, family: isIP(bare) }] : await lookup(bare, { all: true, verbatim: true });
  if (!all.length) throw new Error(`no address for ${host}`);
  if (!allowPrivate) {
    const bad = all.find((a) => isPrivateAddress(a.address));
    if (bad) throw new SsrfRefused(host, bad.address);
  }
  return all[0];
}
