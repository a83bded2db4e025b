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
/** Signs the dossiers' histories (HMAC-SHA256); the database never holds it. Development only. */
export const DEV_AUDIT_KEY = 'mot-cua-hub-dev-audit-key-not-for-production';

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

/** A host name, an IP address or a CIDR range (`10.20.0.0/16`, `2001:db8::/32`). */
function isAllowEntry(entry: string): boolean {
  const [address, prefix, ...rest] = entry.split('/');
  if (rest.length > 0) return false;
  if (prefix === undefined) return isIP(address) !== 0 || /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i.test(address);
  const family = isIP(address);
  return family !== 0 && /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}
/** Where webhooks may be sent: comma-separated host names, addresses and CIDR ranges. */
const webhookAllowList = z
  .string()
  .refine((value) => value.split(',').map((part) => part.trim()).filter(Boolean).every(isAllowEntry), 'must be a comma-separated list of host names, IP addresses and CIDR ranges')
  .transform((value) => value.split(',').map((part) => part.trim().toLowerCase()).filter(Boolean));

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: postgresUrl.optional(),
    HUB_DATA_DIR: z.string().min(1).default('.data'),
    HUB_EMBEDDED_PG_PORT: port.default(54320),
    HUB_HOST: z.string().min(1).default('127.0.0.1'),
    HUB_JWT_SECRET: z.string().min(16).default(DEV_JWT_SECRET),
    HUB_IDENTITY_SECRET: z.string().min(16).default(DEV_IDENTITY_SECRET),
    HUB_AUDIT_KEY: z.string().min(32).default(DEV_AUDIT_KEY),
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
    HUB_TRUST_PROXY: trustProxy.default(false),
    HUB_INTROSPECTION: z.enum(['everyone', 'authenticated', 'off']).optional(),
    HUB_DEV_SIGN_IN: z.enum(['off', 'loopback', 'everyone']).optional(),
    HUB_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
    HUB_SHUTDOWN_GRACE_MS: positiveInt.default(10_000),
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
    HUB_WEBHOOK_ALLOW: webhookAllowList.optional(),
    HUB_WEBHOOK_POLL_MS: positiveInt.default(1000),
    HUB_WEBHOOK_RETRY_MS: positiveInt.default(30_000),
    HUB_WEBHOOK_MAX_ATTEMPTS: positiveInt.default(12),
    HUB_WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
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
    HUB_REDIS_URL: z
      .string()
      .url()
      .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL')
      .optional(),
    HUB_REDIS_PREFIX: z.string().min(1).default('motcua:'),
    OTEL_EXPORTER_OTLP_ENDPOINT: z
      .string()
      .url()
      .refine((value) => /^https?:\/\//.test(value), 'must be an http:// or https:// URL')
      .optional(),
    OTEL_SERVICE_NAME: z.string().min(1).default('mot-cua-hub'),
    HUB_METRICS_PORT: port.optional(),
    HUB_METRICS_HOST: z.string().min(1).optional(),
    HUB_METRICS_SAMPLE_MS: positiveInt.default(15_000),
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
    if (value.HUB_AUDIT_KEY === DEV_AUDIT_KEY) {
      ctx.addIssue({ code: 'custom', path: ['HUB_AUDIT_KEY'], message: 'must be set in production' });
    }
    if (value.HUB_DEV_SIGN_IN !== undefined && value.HUB_DEV_SIGN_IN !== 'off') {
      ctx.addIssue({ code: 'custom', path: ['HUB_DEV_SIGN_IN'], message: 'must be off in production: it hands out supervisor tokens' });
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

/** Pushing dossier events to agency systems (Standard Webhooks, CloudEvents bodies). */
export interface WebhookSettings {
  /** Host names, addresses and CIDR ranges webhooks may be sent to; empty: none. */
  allow: string[];
  pollMs: number;
  /** The first retry's delay; each later one doubles it, up to an hour. */
  retryMs: number;
  /** After this many failed attempts a delivery is given up on, kept as FAILED with its last error. */
  maxAttempts: number;
  /** How long one attempt may take before it counts as failed. */
  timeoutMs: number;
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
  /** The key the dossiers' histories are signed with (HMAC-SHA256), kept out of the database. */
  auditKey: string;
  /** The longest life a caller's token may have. */
  tokenMaxLifetimeSeconds: number;
  /** The province's OpenID Connect issuer of callers' tokens, when it has one. */
  oidc?: OidcSettings;
  dbPoolMax: number;
  maxQueryDepth: number;
  maxBodyBytes: number;
  /** Requests per minute the gateway answers one address that sends no token (citizens' tracking); 0: no limit. */
  publicRateLimit: number;
  /** Which proxies in front of the gateway tell the caller's address (express's `trust proxy`); none unless configured. */
  trustProxy: boolean | number | string;
  /** Who may ask the gateway for its schema; `authenticated` also hides "Did you mean" hints from anonymous callers. */
  introspection: 'everyone' | 'authenticated' | 'off';
  /** Who gets a supervisor's token from /dashboard/dev-token: nobody, callers on this machine, or anyone (never in production). */
  devSignIn: 'off' | 'loopback' | 'everyone';
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a stopping process lets requests in flight and the current background work finish. */
  shutdownGraceMs: number;
  /** How often onestop asks the producing subgraphs for new events. */
  eventPollMs: number;
  notices: NoticeSettings;
  webhooks: WebhookSettings;
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
  /**
   * The Redis the gateway replicas share their anonymous rate limit through; unset: each process counts on
   * its own. Keys start with `prefix`.
   */
  redis?: { url: string; prefix: string };
  /**
   * OpenTelemetry traces, exported over OTLP/HTTP to `otlpEndpoint` (the exporter reads the standard
   * OTEL_EXPORTER_OTLP_* variables itself); unset: no tracing.
   */
  tracing: { otlpEndpoint?: string; serviceName: string };
  /**
   * Where each process serves `/metrics`: on its own port unless HUB_METRICS_PORT is set (`npm start`, all
   * processes in one, gives the gateway that port and the subgraphs the next five, in the order of `ports`),
   * and how often the data's figures are sampled.
   */
  metrics: { port?: number; host?: string; sampleMs: number };
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
    auditKey: v.HUB_AUDIT_KEY,
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
    introspection: v.HUB_INTROSPECTION ?? (v.NODE_ENV === 'production' ? 'authenticated' : 'everyone'),
    devSignIn: v.HUB_DEV_SIGN_IN ?? (v.NODE_ENV === 'development' ? 'loopback' : 'off'),
    // Tests keep their output to what went wrong; the access lines are there at HUB_LOG_LEVEL=info.
    logLevel: v.HUB_LOG_LEVEL ?? (v.NODE_ENV === 'test' ? 'warn' : 'info'),
    shutdownGraceMs: v.HUB_SHUTDOWN_GRACE_MS,
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
    webhooks: {
      // In development, receivers on this machine, so that the explorer's example registers; elsewhere none.
      allow: v.HUB_WEBHOOK_ALLOW ?? (v.NODE_ENV === 'development' ? ['127.0.0.1', '::1'] : []),
      pollMs: v.HUB_WEBHOOK_POLL_MS,
      retryMs: v.HUB_WEBHOOK_RETRY_MS,
      maxAttempts: v.HUB_WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: v.HUB_WEBHOOK_TIMEOUT_MS,
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
    redis: v.HUB_REDIS_URL ? { url: v.HUB_REDIS_URL, prefix: v.HUB_REDIS_PREFIX } : undefined,
    tracing: { otlpEndpoint: v.OTEL_EXPORTER_OTLP_ENDPOINT, serviceName: v.OTEL_SERVICE_NAME },
    metrics: { port: v.HUB_METRICS_PORT, host: v.HUB_METRICS_HOST, sampleMs: v.HUB_METRICS_SAMPLE_MS },
    requireSystemTools: v.HUB_REQUIRE_SYSTEM_TOOLS === '1',
  };
}

/**
 * Where one process of the hub serves `/metrics`: with HUB_METRICS_PORT, the gateway on that port and the
 * subgraphs on the next five in the order of SUBGRAPH_NAMES (0: any free port each); without, on its own port.
 */
export function metricsSettings(config: HubEnv, part: 'gateway' | SubgraphName): HubEnv['metrics'] {
  const offset = part === 'gateway' ? 0 : 1 + SUBGRAPH_NAMES.indexOf(part);
  const { port } = config.metrics;
  return { ...config.metrics, port: port === undefined || port === 0 ? port : port + offset };
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
