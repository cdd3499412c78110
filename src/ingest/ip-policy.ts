/**
 * @module ingest/ip-policy
 * Ingest helper: an IP address -> whether Parley may connect to it. Refuses private, loopback,
 * link-local, shared-address (100.64/10), cloud metadata, unspecified, multicast, reserved and
 * documentation ranges, and IPv4-mapped / IPv4-compatible / NAT64 / 6to4 IPv6 forms of them.
 */
import ipaddr from 'ipaddr.js';

/** ipaddr.js range names that are public unicast; everything else is refused. */
const PUBLIC_RANGES = new Set(['unicast', 'global']);
/** Named cloud metadata endpoints, refused even if a range table ever called them public. */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

/** Null when the address may be used, else a short reason ("loopback address 127.0.0.1"). */
export function refuseAddress(address: string): string | null {
  let ip: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    ip = ipaddr.parse(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  } catch {
    return `unparseable address ${address}`;
  }
  const norm = ip.toNormalizedString();
  if (METADATA.has(address) || METADATA.has(norm) || METADATA.has(ip.toString())) return `cloud metadata address ${address}`;
  if (ip.kind() === 'ipv6') {
    const v6 = ip as ipaddr.IPv6;
    // Embedded IPv4 forms: mapped ::ffff:a.b.c.d, compat ::a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16.
    const parts = v6.parts;
    const embedded = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
    if (v6.isIPv4MappedAddress()) return wrap(refuseAddress(v6.toIPv4Address().toString()), address);
    if (parts.slice(0, 6).every((p) => p === 0) && (parts[6] !== 0 || parts[7] > 1)) {
      return wrap(refuseAddress(embedded(parts[6]!, parts[7]!)), address);
    }
    if (parts[0] === 0x64 && parts[1] === 0xff9b) return wrap(refuseAddress(embedded(parts[6]!, parts[7]!)), address);
    if (parts[0] === 0x2002) return wrap(refuseAddress(embedded(parts[1]!, parts[2]!)), address);
  }
  const range = ip.range();
  if (!PUBLIC_RANGES.has(range)) return `${range} address ${address}`;
  return null;
}

function wrap(inner: string | null, outer: string): string | null {
  return inner === null ? null : `${outer} (embeds ${inner})`;
}

export const isIpLiteral = (host: string): boolean => ipaddr.isValid(host.replace(/^\[|\]$/g, ''));
