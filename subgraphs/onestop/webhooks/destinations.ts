import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/**
 * Where the province lets webhooks go (HUB_WEBHOOK_ALLOW): host names, and addresses and CIDR ranges. A URL
 * is allowed when its host is listed by name, or when every address it resolves to lies in a listed range;
 * checked at registration and again at each connection (a name that later resolves elsewhere, inside the
 * province's network, is not followed). Nothing is allowed by default.
 */
export class Destinations {
  private readonly names = new Set<string>();
  private readonly ranges = new BlockList();

  constructor(allow: readonly string[]) {
    for (const entry of allow) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address);
      if (family === 0) this.names.add(entry.toLowerCase());
      else if (prefix === undefined) this.ranges.addAddress(address, family === 4 ? 'ipv4' : 'ipv6');
      else this.ranges.addSubnet(address, Number(prefix), family === 4 ? 'ipv4' : 'ipv6');
    }
  }

  allowsAddress(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.ranges.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }

  /** Why `url` may not be sent to, or null when it may. */
  async refusal(url: URL): Promise<string | null> {
    const host = hostOf(url);
    if (this.names.has(host)) return null;
    if (isIP(host)) return this.allowsAddress(host) ? null : `${host} is not among the allowed destinations`;
    let addresses: LookupAddress[];
    try {
      addresses = await new Promise((resolve, reject) => dnsLookup(host, { all: true }, (error, found) => (error ? reject(error) : resolve(found))));
    } catch (error) {
      return `${host} does not resolve (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
    }
    const refused = addresses.filter((found) => !this.allowsAddress(found.address));
    return refused.length === 0 ? null : `${host} resolves to ${refused.map((found) => found.address).join(', ')}, not among the allowed destinations`;
  }

  /**
   * A `lookup` for `http.request`: resolves as usual and fails the connection when an address is not allowed,
   * so the address connected to is the address checked.
   */
  lookupFor(url: URL) {
    const trusted = this.names.has(hostOf(url));
    return (hostname: string, options: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
      dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
        if (error) return callback(error, '');
        const refused = trusted ? [] : addresses.filter((found) => !this.allowsAddress(found.address));
        if (refused.length > 0) return callback(new Error(`${hostname} resolves to ${refused[0].address}, not among the allowed destinations`), '');
        if (options.all) return callback(null, addresses);
        callback(null, addresses[0].address, addresses[0].family);
      });
    };
  }
}

const hostOf = (url: URL) => url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
