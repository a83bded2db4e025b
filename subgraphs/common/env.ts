import { isIP } from 'node:net';
import { z } from 'zod';
import type { OidcSettings, TokenSettings } from './tokens';

/**
 * The hub's whole configuration, parsed once from the environment. Nothing else reads `process.env`.
 * Every variable has a development default except where a wrong value would be unsafe in production.
 */

export const SUBGRAPH_NAMES = ['onestop', 'province', 'local', 'tax', 'land'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

export const DEV_JWT_SECRET = 'mot-cua-hub-dev-jwt-secret';
export const DEV_IDENTITY_SECRET = 'mot-cua-hub-dev-identity-secret';

const DEFAULT_PORTS: Record<SubgraphName | 'gateway', number> = {
  gateway: 4000,
  onestop: 4001,
  province: 4002,
  local: 4003,
  tax: 4004,
  land: 4005,
};

const port = z.coerce.number().int().min(0).max(65535);
const positiveInt = z.coerce.number().int().positive();
/** Express's `trust proxy`: true/false, a number of hops, or addresses, subnets and loopback/linklocal/uniquelocal. */
const trustProxy = z
  .string()
  .min(1)
  .refine(
    (value) =>
      /^(true|false|\d+)$/.test(value) ||
      value.split(',').every((part) => ['loopback', 'linklocal', 'uniquelocal'].includes(part.trim()) || isIP(part.trim().split('/')[0]) !== 0),
    'must be true, false, a number of hops, or a comma-separated list of addresses, subnets, loopback, linklocal or uniquelocal',
  )
  .transform((value): boolean | number | string => (value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value));
const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: postgresUrl.optional(),
    HUB_DATA_DIR: z.string().min(1).default('.data'),
    HUB_EMBEDDED_PG_PORT: port.default(54320),
    HUB_HOST: z.string().min(1).default('127.0.0.1'),
    HUB_JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
    HUB_IDENTITY_SECRET: z.string().min(16).default(DEV_IDENTITY_SECRET),
    HUB_TOKEN_MAX_LIFETIME_SECONDS: positiveInt.default(12 * 3600),
    HUB_OIDC_ISSUER: z.string().url().optional(),
    HUB_OIDC_AUDIENCE: z.string().min(1).optional(),
    HUB_OIDC_JWKS_URL: z
      .string()
      .url()
      .refine((value) => /^https?:\/\//.test(value), 'must be an http:// or https:// URL')
      .optional(),
    HUB_DB_POOL_MAX: positiveInt.default(10),
    HUB_MAX_QUERY_DEPTH: positiveInt.default(12),
    HUB_MAX_BODY_BYTES: positiveInt.default(1_000_000),
    HUB_PUBLIC_RATE_LIMIT: z.coerce.number().int().min(0).default(120),
    HUB_TRUST_PROXY: trustProxy.default('loopback'),
    HUB_EVENT_POLL_MS: positiveInt.default(500),
    HUB_SMTP_URL: z
      .string()
      .url()
      .refine((value) => /^smtps?:\/\//.test(value), 'must be an smtp:// or smtps:// URL')
      .optional(),
    HUB_MAIL_FROM: z.string().min(3).default('Bộ phận Một cửa <motcua@localhost>'),
    HUB_SMS_URL: z
      .string()
      .url()
      .refine((value) => /^https?:\/\//.test(value), 'must be an http:// or https:// URL')
      .optional(),
    HUB_SMS_TOKEN: z.string().min(1).optional(),
    HUB_NOTICE_POLL_MS: positiveInt.default(1000),
    HUB_NOTICE_RETRY_MS: positiveInt.default(60_000),
    HUB_NOTICE_MAX_ATTEMPTS: positiveInt.default(8),
    HUB_PORT_GATEWAY: port.default(DEFAULT_PORTS.gateway),
    HUB_PORT_ONESTOP: port.default(DEFAULT_PORTS.onestop),
    HUB_PORT_PROVINCE: port.default(DEFAULT_PORTS.province),
    HUB_PORT_LOCAL: port.default(DEFAULT_PORTS.local),
    HUB_PORT_TAX: port.default(DEFAULT_PORTS.tax),
    HUB_PORT_LAND: port.default(DEFAULT_PORTS.land),
    HUB_URL_ONESTOP: z.string().url().optional(),
    HUB_URL_PROVINCE: z.string().url().optional(),
    HUB_URL_LOCAL: z.string().url().optional(),
    HUB_URL_TAX: z.string().url().optional(),
    HUB_URL_LAND: z.string().url().optional(),
    HUB_GATEWAY_URL: z.string().url().optional(),
    HUB_TEST_PG_PORT: port.default(54321),
    HUB_REQUIRE_SYSTEM_TOOLS: z.enum(['0', '1']).default('0'),
    HUB_TEST_TEMPLATE: z.string().regex(/^[a-z0-9_]+$/).optional(),
    HUB_DIRECTORY_AS_OF: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'must be a date, YYYY-MM-DD')
      .optional(),
  })
  .superRefine((value, ctx) => {
    const oidc = [value.HUB_OIDC_ISSUER, value.HUB_OIDC_AUDIENCE, value.HUB_OIDC_JWKS_URL];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({ code: 'custom', path: ['HUB_OIDC_ISSUER'], message: 'HUB_OIDC_ISSUER, HUB_OIDC_AUDIENCE and HUB_OIDC_JWKS_URL go together' });
    }
    if (value.NODE_ENV !== 'production') return;
    if (value.HUB_JWT_SECRET === DEV_JWT_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['HUB_JWT_SECRET'], message: 'must be set in production' });
    }
    if (value.HUB_IDENTITY_SECRET === DEV_IDENTITY_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['HUB_IDENTITY_SECRET'], message: 'must be set in production' });
    }
    if (!value.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must be set in production' });
    }
  });

/**
 * How citizen notices leave the hub. A channel with no address configured writes its notices to the log in
 * development; elsewhere they wait in the outbox until it is configured.
 */
export interface NoticeSettings {
  smtpUrl?: string;
  mailFrom: string;
  smsUrl?: string;
  smsToken?: string;
  logUnconfigured: boolean;
  /** Production: say at start which channels' notices will wait. */
  warnUnconfigured: boolean;
  pollMs: number;
  /** The first retry's delay; each later one doubles it, up to an hour. */
  retryMs: number;
  /** After this many failed attempts a notice is given up on, kept as FAILED with its last error. */
  maxAttempts: number;
}

export interface HubEnv {
  nodeEnv: 'development' | 'test' | 'production';
  /** Absent: `npm start` and the tests boot an embedded PostgreSQL. */
  databaseUrl?: string;
  dataDir: string;
  embeddedPgPort: number;
  host: string;
  jwtSecret: string;
  identitySecret: string;
  /** The longest life a caller's token may have. */
  tokenMaxLifetimeSeconds: number;
  /** The province's OpenID Connect issuer of callers' tokens, when it has one. */
  oidc?: OidcSettings;
  dbPoolMax: number;
  maxQueryDepth: number;
  maxBodyBytes: number;
  /** Requests per minute the gateway answers one address that sends no token (citizens' tracking); 0: no limit. */
  publicRateLimit: number;
  /** Which proxies in front of the gateway tell the caller's address (express's `trust proxy`). */
  trustProxy: boolean | number | string;
  /** How often onestop asks the producing subgraphs for new events. */
  eventPollMs: number;
  notices: NoticeSettings;
  ports: Record<SubgraphName | 'gateway', number>;
  /** Where the gateway reaches each subgraph. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Where subgraphs reach the federated graph. */
  gatewayUrl: string;
  /** Port of the embedded PostgreSQL the tests start when DATABASE_URL is unset. */
  testPgPort: number;
  /** Set by the tests' global setup: the migrated, seeded database each test file copies. */
  testTemplate?: string;
  /**
   * The bundled decisions (`domain/reorganization-*.json`) taking effect on or before this local date are
   * applied when a database is prepared; unset: those in effect now.
   */
  directoryAsOf?: string;
  /** Tests that need Debian's poppler-utils or chromium fail, rather than skip, when these are missing (CI). */
  requireSystemTools: boolean;
}

export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export function parseEnv(source: Record<string, string | undefined>): HubEnv {
  const blankAsUnset = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''));
  const result = schema.safeParse(blankAsUnset);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const v = result.data;
  const ports = {
    gateway: v.HUB_PORT_GATEWAY,
    onestop: v.HUB_PORT_ONESTOP,
    province: v.HUB_PORT_PROVINCE,
    local: v.HUB_PORT_LOCAL,
    tax: v.HUB_PORT_TAX,
    land: v.HUB_PORT_LAND,
  };
  const urlOf = (name: SubgraphName, override?: string) => override ?? `http://127.0.0.1:${ports[name]}/graphql`;
  return {
    nodeEnv: v.NODE_ENV,
    databaseUrl: v.DATABASE_URL,
    dataDir: v.HUB_DATA_DIR,
    embeddedPgPort: v.HUB_EMBEDDED_PG_PORT,
    host: v.HUB_HOST,
    jwtSecret: v.HUB_JWT_SECRET,
    identitySecret: v.HUB_IDENTITY_SECRET,
    tokenMaxLifetimeSeconds: v.HUB_TOKEN_MAX_LIFETIME_SECONDS,
    oidc:
      v.HUB_OIDC_ISSUER && v.HUB_OIDC_AUDIENCE && v.HUB_OIDC_JWKS_URL
        ? { issuer: v.HUB_OIDC_ISSUER, audience: v.HUB_OIDC_AUDIENCE, jwksUrl: v.HUB_OIDC_JWKS_URL }
        : undefined,
    dbPoolMax: v.HUB_DB_POOL_MAX,
    maxQueryDepth: v.HUB_MAX_QUERY_DEPTH,
    maxBodyBytes: v.HUB_MAX_BODY_BYTES,
    publicRateLimit: v.HUB_PUBLIC_RATE_LIMIT,
    trustProxy: v.HUB_TRUST_PROXY,
    eventPollMs: v.HUB_EVENT_POLL_MS,
    notices: {
      smtpUrl: v.HUB_SMTP_URL,
      mailFrom: v.HUB_MAIL_FROM,
      smsUrl: v.HUB_SMS_URL,
      smsToken: v.HUB_SMS_TOKEN,
      logUnconfigured: v.NODE_ENV === 'development',
      warnUnconfigured: v.NODE_ENV === 'production',
      pollMs: v.HUB_NOTICE_POLL_MS,
      retryMs: v.HUB_NOTICE_RETRY_MS,
      maxAttempts: v.HUB_NOTICE_MAX_ATTEMPTS,
    },
    ports,
    subgraphUrls: {
      onestop: urlOf('onestop', v.HUB_URL_ONESTOP),
      province: urlOf('province', v.HUB_URL_PROVINCE),
      local: urlOf('local', v.HUB_URL_LOCAL),
      tax: urlOf('tax', v.HUB_URL_TAX),
      land: urlOf('land', v.HUB_URL_LAND),
    },
    gatewayUrl: v.HUB_GATEWAY_URL ?? `http://127.0.0.1:${ports.gateway}/graphql`,
    testPgPort: v.HUB_TEST_PG_PORT,
    testTemplate: v.HUB_TEST_TEMPLATE,
    directoryAsOf: v.HUB_DIRECTORY_AS_OF,
    requireSystemTools: v.HUB_REQUIRE_SYSTEM_TOOLS === '1',
  };
}

/** How callers' and components' tokens are verified, from the configuration. */
export function tokenSettings(config: HubEnv): TokenSettings {
  return { jwtSecret: config.jwtSecret, identitySecret: config.identitySecret, oidc: config.oidc, maxLifetimeSeconds: config.tokenMaxLifetimeSeconds };
}

let cached: HubEnv | undefined;

/** The process's configuration; throws a ConfigurationError naming every bad variable. */
export function env(): HubEnv {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Replace one variable of the process's environment for child code (start script, test setup). */
export function setProcessEnv(name: string, value: string): void {
  process.env[name] = value;
  cached = undefined;
}
