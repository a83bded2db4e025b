import { ConfigurationError, DEV_JWT_SECRET, parseEnv } from '../../subgraphs/common/env';

describe('configuration', () => {
  it('gives every variable a development default', () => {
    const config = parseEnv({});
    expect(config.nodeEnv).toBe('development');
    expect(config.databaseUrl).toBeUndefined();
    expect(config.ports).toEqual({ gateway: 4000, onestop: 4001, province: 4002, local: 4003, tax: 4004, land: 4005 });
    expect(config.subgraphUrls.tax).toBe('http://127.0.0.1:4004/graphql');
    expect(config.jwtSecret).toBe(DEV_JWT_SECRET);
  });

  it('reads typed values and per-subgraph URLs', () => {
    const config = parseEnv({
      DATABASE_URL: 'postgres://hub:secret@db:5432/motcua',
      HUB_PORT_GATEWAY: '8080',
      HUB_URL_LAND: 'http://land:4005/graphql',
      HUB_DB_POOL_MAX: '3',
    });
    expect(config.databaseUrl).toBe('postgres://hub:secret@db:5432/motcua');
    expect(config.ports.gateway).toBe(8080);
    expect(config.subgraphUrls.land).toBe('http://land:4005/graphql');
    expect(config.dbPoolMax).toBe(3);
  });

  it.each([
    ['a port that is not a number', { HUB_PORT_ONESTOP: 'four thousand' }, 'HUB_PORT_ONESTOP'],
    ['a port out of range', { HUB_PORT_GATEWAY: '70000' }, 'HUB_PORT_GATEWAY'],
    ['a database URL of another kind', { DATABASE_URL: 'mysql://localhost/motcua' }, 'DATABASE_URL'],
    ['a JWT secret too short to be safe', { HUB_JWT_SECRET: 'short' }, 'HUB_JWT_SECRET'],
    ['an unknown NODE_ENV', { NODE_ENV: 'staging' }, 'NODE_ENV'],
    ['a pool of zero connections', { HUB_DB_POOL_MAX: '0' }, 'HUB_DB_POOL_MAX'],
    ['a mail server that is not SMTP', { HUB_SMTP_URL: 'http://mail.example.vn' }, 'HUB_SMTP_URL'],
    ['an SMS gateway that is not HTTP', { HUB_SMS_URL: 'smtp://sms.example.vn' }, 'HUB_SMS_URL'],
    ['notices never attempted', { HUB_NOTICE_MAX_ATTEMPTS: '0' }, 'HUB_NOTICE_MAX_ATTEMPTS'],
    ['a negative rate limit', { HUB_PUBLIC_RATE_LIMIT: '-1' }, 'HUB_PUBLIC_RATE_LIMIT'],
    ['a proxy that is no address', { HUB_TRUST_PROXY: 'loopback, nginx.local' }, 'HUB_TRUST_PROXY'],
    ['a webhook range with a bad prefix', { HUB_WEBHOOK_ALLOW: '10.0.0.0/33' }, 'HUB_WEBHOOK_ALLOW'],
    ['a webhook destination that is a URL', { HUB_WEBHOOK_ALLOW: 'https://motcua.example.gov.vn/hooks' }, 'HUB_WEBHOOK_ALLOW'],
    ['webhooks never attempted', { HUB_WEBHOOK_MAX_ATTEMPTS: '0' }, 'HUB_WEBHOOK_MAX_ATTEMPTS'],
    ['the development sign-in in production', { NODE_ENV: 'production', HUB_DEV_SIGN_IN: 'loopback' }, 'HUB_DEV_SIGN_IN'],
    ['an unknown introspection setting', { HUB_INTROSPECTION: 'officers' }, 'HUB_INTROSPECTION'],
  ])('fails fast on %s, naming the variable', (_case, source, variable) => {
    expect(() => parseEnv(source)).toThrow(ConfigurationError);
    expect(() => parseEnv(source)).toThrow(variable);
  });

  it('limits callers without a token, and trusts the proxies it is told of', () => {
    // No proxy is trusted unless configured: otherwise any caller rotating X-Forwarded-For escapes the limit.
    expect(parseEnv({})).toMatchObject({ publicRateLimit: 120, trustProxy: false });
    expect(parseEnv({ HUB_PUBLIC_RATE_LIMIT: '0', HUB_TRUST_PROXY: '1' })).toMatchObject({ publicRateLimit: 0, trustProxy: 1 });
    expect(parseEnv({ HUB_TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(parseEnv({ HUB_TRUST_PROXY: 'loopback, 10.0.0.0/8, fd00::1' }).trustProxy).toBe('loopback, 10.0.0.0/8, fd00::1');
  });

  it('hides the schema from anonymous callers and the development sign-in from all in production', () => {
    const secrets = { HUB_JWT_SECRET: 'x'.repeat(20), HUB_IDENTITY_SECRET: 'y'.repeat(20), HUB_AUDIT_KEY: 'z'.repeat(40), DATABASE_URL: 'postgres://hub@db/motcua' };
    expect(parseEnv({ NODE_ENV: 'production', ...secrets })).toMatchObject({ introspection: 'authenticated', devSignIn: 'off', logLevel: 'info' });
    expect(parseEnv({})).toMatchObject({ introspection: 'everyone', devSignIn: 'loopback' });
    expect(parseEnv({ NODE_ENV: 'test' })).toMatchObject({ devSignIn: 'off', logLevel: 'warn' });
    expect(parseEnv({ HUB_INTROSPECTION: 'off', HUB_SHUTDOWN_GRACE_MS: '3000' })).toMatchObject({ introspection: 'off', shutdownGraceMs: 3000 });
  });

  it('refuses to run in production on the development secrets or without a database', () => {
    let error: unknown;
    try {
      parseEnv({ NODE_ENV: 'production' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(String(error)).toMatch(/HUB_JWT_SECRET/);
    expect(String(error)).toMatch(/HUB_IDENTITY_SECRET/);
    expect(String(error)).toMatch(/DATABASE_URL/);
    expect(String(error)).toMatch(/HUB_AUDIT_KEY/);
  });

  it('accepts production with its own secrets and database', () => {
    const config = parseEnv({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgresql://hub@db/motcua',
      HUB_JWT_SECRET: 'a-production-jwt-secret-of-some-length',
      HUB_IDENTITY_SECRET: 'a-production-identity-secret-too',
      HUB_AUDIT_KEY: 'a-production-audit-key-kept-outside-the-database',
    });
    expect(config.nodeEnv).toBe('production');
    expect(config.auditKey).toBe('a-production-audit-key-kept-outside-the-database');
  });

  it('logs notices in development when no channel is configured, and holds them elsewhere', () => {
    expect(parseEnv({}).notices).toMatchObject({ logUnconfigured: true, smtpUrl: undefined, smsUrl: undefined });
    expect(parseEnv({ NODE_ENV: 'test' }).notices).toMatchObject({ logUnconfigured: false, warnUnconfigured: false });
    const configured = parseEnv({ HUB_SMTP_URL: 'smtps://hub:secret@mail.bacgiang.gov.vn:465', HUB_SMS_URL: 'https://sms.example.vn/send', HUB_NOTICE_RETRY_MS: '30000' });
    expect(configured.notices).toMatchObject({ smtpUrl: 'smtps://hub:secret@mail.bacgiang.gov.vn:465', smsUrl: 'https://sms.example.vn/send', retryMs: 30000, maxAttempts: 8 });
  });

  it('allows webhooks nowhere by default (this machine in development), and reads hosts, addresses and CIDR ranges', () => {
    expect(parseEnv({ NODE_ENV: 'production', HUB_JWT_SECRET: 'x'.repeat(20), HUB_IDENTITY_SECRET: 'y'.repeat(20), HUB_AUDIT_KEY: 'z'.repeat(40), DATABASE_URL: 'postgres://hub@db/motcua' }).webhooks).toEqual({ allow: [], pollMs: 1000, retryMs: 30000, maxAttempts: 12, timeoutMs: 10000 });
    expect(parseEnv({ NODE_ENV: 'test' }).webhooks.allow).toEqual([]);
    expect(parseEnv({}).webhooks.allow).toEqual(['127.0.0.1', '::1']);
    const configured = parseEnv({ HUB_WEBHOOK_ALLOW: ' MotCua.Example.gov.vn, 10.20.0.0/16,2001:db8::/32 ,192.0.2.7', HUB_WEBHOOK_RETRY_MS: '5000' });
    expect(configured.webhooks).toMatchObject({ allow: ['motcua.example.gov.vn', '10.20.0.0/16', '2001:db8::/32', '192.0.2.7'], retryMs: 5000 });
  });
});
