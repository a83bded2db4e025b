import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compose, SCHEMA_DIR } from '../schema/compose';

describe('the committed supergraph', () => {
  it('composes without errors and matches what the code produces (run `npm run schema` after changing a schema)', async () => {
    const { files, errors } = await compose();
    expect(errors).toEqual([]);
    expect(Object.keys(files).sort()).toEqual(
      ['land', 'local', 'onestop', 'province', 'supergraph', 'tax'].map((name) => `${name}.graphql`),
    );
    for (const [file, sdl] of Object.entries(files)) {
      expect({ file, sdl: readFileSync(join(SCHEMA_DIR, file), 'utf8') }).toEqual({ file, sdl });
    }
  });
});
