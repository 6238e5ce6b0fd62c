import { BlockList, isIP } from 'node:net';
import { ScimError } from '@scimgen/runtime';
import { header } from './http.js';
import type { ScimRequest } from './types.js';

/** Which addresses may call the server at all, before any credential is looked at. */
export interface AddressRules {
  /** Addresses and CIDR ranges ("10.0.0.0/8", "2001:db8::/32", "203.0.113.5") allowed; others get 403. */
  readonly allowFrom?: readonly string[];
  /**
   * Proxies in front of the server whose X-Forwarded-For is believed: the client is then the
   * last address in it that is not one of them. Without this, X-Forwarded-For is ignored, so a
   * client cannot claim an address it does not have.
   */
  readonly trustedProxies?: readonly string[];
}

type Family = 'ipv4' | 'ipv6';

/** An address as BlockList compares it: IPv4-mapped IPv6 (::ffff:10.1.2.3) read as the IPv4 address. */
function normalized(address: string): { address: string; family: Family } | undefined {
  const bare = address.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  const plain = mapped === null ? bare : mapped[1]!;
  const version = isIP(plain);
  return version === 0 ? undefined : { address: plain, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** The entries as a BlockList; an entry that is no address or range is an error naming it. */
function listOf(entries: readonly string[], what: string): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix, extra] = entry.split('/');
    const parsed = normalized(address ?? '');
    const bits = prefix === undefined ? undefined : Number(prefix);
    const max = parsed?.family === 'ipv4' ? 32 : 128;
    if (
      parsed === undefined ||
      extra !== undefined ||
      (bits !== undefined && !(Number.isInteger(bits) && bits >= 0 && bits <= max))
    )
      throw new Error(`${what}: ${JSON.stringify(entry)} is not an address or a CIDR range such as 10.0.0.0/8`);
    if (bits === undefined) list.addAddress(parsed.address, parsed.family);
    else list.addSubnet(parsed.address, bits, parsed.family);
  }
  return list;
}

function contains(list: BlockList, address: string | undefined): boolean {
  const parsed = address === undefined ? undefined : normalized(address);
  return parsed !== undefined && list.check(parsed.address, parsed.family);
}

/** The client's address: the peer, or behind a trusted proxy the last untrusted X-Forwarded-For hop. */
function clientAddress(request: ScimRequest, proxies: BlockList | undefined): string | undefined {
  const peer = request.remoteAddress;
  if (proxies === undefined || !contains(proxies, peer)) return peer;
  const forwarded = (header(request.headers, 'x-forwarded-for') ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter((hop) => hop !== '');
  for (let i = forwarded.length - 1; i >= 0; i--) if (!contains(proxies, forwarded[i])) return forwarded[i];
  return forwarded[0] ?? peer;
}

/**
 * The check every request passes first when `allowFrom` is set: a client outside it is answered
 * 403, and so is a request whose address is unknown (fail closed). Undefined when anyone may call.
 */
export function addressGate(rules: AddressRules): ((request: ScimRequest) => ScimError | undefined) | undefined {
  if (rules.allowFrom === undefined) {
    if (rules.trustedProxies !== undefined) listOf(rules.trustedProxies, 'trustedProxies');
    return undefined;
  }
  if (rules.allowFrom.length === 0) throw new Error('allowFrom is empty: no one could call the server');
  const allowed = listOf(rules.allowFrom, 'allowFrom');
  const proxies = rules.trustedProxies === undefined ? undefined : listOf(rules.trustedProxies, 'trustedProxies');
  return (request) => {
    const client = clientAddress(request, proxies);
    if (contains(allowed, client)) return undefined;
    return new ScimError(
      403,
      client === undefined
        ? 'the address of this request is unknown, and only some addresses may call this server'
        : `requests from ${client} are not allowed here`,
    );
  };
}
