import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { checkCompose } from '../scripts/check-compose';

describe('docker-compose.yml', () => {
  it('follows the Compose Specification and runs every part of the hub from one image', () => {
    expect(checkCompose()).toEqual([]);
  });

  it('is caught when it breaks the specification or the hub’s wiring', () => {
    const broken = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8')
      .replace('HUB_URL_TAX: http://tax:4004/graphql', 'HUB_URL_TAX: http://tax:9999/graphql')
      .replace('    image: postgres:17', '    imgae: postgres:17');
    const file = join(tmpdir(), `compose-${process.pid}.yml`);
    writeFileSync(file, broken);
    const problems = checkCompose(file);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringMatching(/^schema: \/services\/postgres/), expect.stringMatching(/HUB_URL_TAX/)]),
    );
  });

  it('is caught when a service or the image runs node without the flags npm start gives it', () => {
    const compose = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8').replace(
      'command: ["node", "--heap-growing-percent=50", "dist/subgraphs/tax/index.js"]',
      'command: ["node", "dist/subgraphs/tax/index.js"]',
    );
    const dockerfile = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8').replace(
      'CMD ["node", "--heap-growing-percent=50", "dist/gateway/index.js"]',
      'CMD node dist/gateway/index.js',
    );
    const file = join(tmpdir(), `compose-flags-${process.pid}.yml`);
    const dockerfileAt = join(tmpdir(), `Dockerfile-flags-${process.pid}`);
    writeFileSync(file, compose);
    writeFileSync(dockerfileAt, dockerfile);
    expect(checkCompose(file, dockerfileAt)).toEqual([
      'tax: command must be ["node","--heap-growing-percent=50","dist/subgraphs/tax/index.js"], as npm start runs node',
      'Dockerfile: CMD must be ["node","--heap-growing-percent=50","dist/gateway/index.js"]',
    ]);
  });

  it('is caught when replicas bypass the balancer, count apart, or go unwatched', () => {
    const broken = readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8')
      .replace('HUB_URL_ONESTOP: http://balancer:4001/graphql', 'HUB_URL_ONESTOP: http://onestop:4001/graphql')
      .replace('HUB_REDIS_URL: redis://redis:6379', 'HUB_REDIS_URL: ""')
      .replace("fetch('http://127.0.0.1:4003/readyz')", "fetch('http://127.0.0.1:4003/livez')")
      .replace('HUB_METRICS_PORT: 9464', 'HUB_METRICS_PORT: 9465');
    const file = join(tmpdir(), `compose-replicas-${process.pid}.yml`);
    writeFileSync(file, broken);
    expect(checkCompose(file).sort()).toEqual(
      [
        'gateway: HUB_URL_ONESTOP must be http://balancer:4001/graphql',
        'gateway: HUB_REDIS_URL must point at the redis service',
        'local: needs a health check on port 4003 (/readyz)',
        ...['onestop', 'province', 'local', 'tax', 'land', 'gateway'].map((name) => `prometheus: must scrape ${name} on port 9465`),
      ].sort(),
    );
  });
});
