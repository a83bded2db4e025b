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
});
