import { Destinations } from '../../subgraphs/onestop/webhooks/destinations';

/** HUB_WEBHOOK_ALLOW as the registration and the dispatcher read it: no request to an address nobody allowed. */
describe('webhook destinations', () => {
  const destinations = new Destinations(['motcua.example.gov.vn', '10.20.0.0/16', '192.0.2.7', '2001:db8::/32']);

  it.each([
    ['an address inside a listed range', 'https://10.20.3.4/hooks'],
    ['a listed address', 'http://192.0.2.7:8080/hooks'],
    ['an IPv6 address inside a listed range', 'https://[2001:db8::5]/hooks'],
    ['a host listed by name, whatever its case', 'https://MOTCUA.example.gov.vn/hooks'],
  ])('allows %s', async (_case, url) => {
    expect(await destinations.refusal(new URL(url))).toBeNull();
  });

  it.each([
    ['an address next to a listed one', 'http://192.0.2.8/hooks', '192.0.2.8 is not among the allowed destinations'],
    ['an address outside the listed range', 'https://10.21.0.1/hooks', '10.21.0.1 is not among the allowed destinations'],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', '169.254.169.254 is not among the allowed destinations'],
    ['IPv6 loopback', 'http://[::1]/hooks', '::1 is not among the allowed destinations'],
    ['a name that resolves to loopback, not listed', 'http://localhost/hooks', /^localhost resolves to .+, not among the allowed destinations$/],
    ['a name that does not resolve', 'https://no-such-host.invalid/hooks', /^no-such-host\.invalid does not resolve \(/],
  ])('refuses %s', async (_case, url, reason) => {
    expect(await destinations.refusal(new URL(url))).toMatch(reason);
  });

  it('allows nothing when nothing is listed', async () => {
    const none = new Destinations([]);
    expect(await none.refusal(new URL('http://127.0.0.1/hooks'))).toBe('127.0.0.1 is not among the allowed destinations');
  });

  /** What the dispatcher's connection is told by the lookup it is given. */
  const connectTo = (allowed: Destinations, url: string) =>
    new Promise<string[]>((resolve, reject) =>
      allowed.lookupFor(new URL(url))(new URL(url).hostname, { all: true }, (error, addresses) =>
        error ? reject(error) : resolve((addresses as Array<{ address: string }>).map((found) => found.address)),
      ),
    );

  it('lets a connection go only to allowed addresses, looked up when it is made', async () => {
    const loopback = new Destinations(['127.0.0.0/8', '::1/128']);
    expect((await connectTo(loopback, 'http://localhost:8080/hooks')).length).toBeGreaterThan(0);
    await expect(connectTo(new Destinations(['192.0.2.0/24']), 'http://localhost:8080/hooks')).rejects.toThrow(/^localhost resolves to .+, not among the allowed destinations$/);
    // A host listed by name is trusted wherever it resolves.
    expect((await connectTo(new Destinations(['localhost']), 'http://localhost:8080/hooks')).length).toBeGreaterThan(0);
  });
});
