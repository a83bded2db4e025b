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

describe('the schema an integrator reads', () => {
  it('describes every type, field, argument and enum value (the explorer and docs/contract.md rely on it)', async () => {
    const { Supergraph } = await import('@apollo/federation-internals');
    const { isEnumType, isInputObjectType, isInterfaceType, isObjectType } = await import('graphql');
    const api = Supergraph.build(readFileSync(join(SCHEMA_DIR, 'supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();
    const undescribed: string[] = [];
    for (const type of Object.values(api.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
      if (!type.description?.trim()) undescribed.push(`type ${type.name}`);
      if (isObjectType(type) || isInterfaceType(type) || isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description?.trim()) undescribed.push(`${type.name}.${field.name}`);
          for (const arg of 'args' in field ? field.args : []) if (!arg.description?.trim()) undescribed.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isEnumType(type)) for (const value of type.getValues()) if (!value.description?.trim()) undescribed.push(`${type.name}.${value.name}`);
    }
    expect(undescribed).toEqual([]);
  });
});
