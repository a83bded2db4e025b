import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SUBGRAPHS } from '../subgraphs/all';
import { parseEnv } from '../subgraphs/common/env';
import { PROJECT_ROOT } from '../subgraphs/common/reference-data';

/**
 * The supergraph is composed here, at build time, and committed: the gateway serves it as is and never
 * composes at run time. `npm run schema` rewrites the files; a test fails when they are stale.
 */

export const SCHEMA_DIR = join(PROJECT_ROOT, 'schema');

export interface Composition {
  /** Each subgraph's SDL, keyed by file name. */
  files: Record<string, string>;
  errors: string[];
}

export async function compose(): Promise<Composition> {
  // Routing URLs are the documented defaults; deployments point the gateway elsewhere with HUB_URL_<NAME>.
  const urls = parseEnv({}).subgraphUrls;
  const files: Record<string, string> = {};
  const services = [];
  for (const definition of SUBGRAPHS) {
    const sdl = printSubgraphSchema(await definition.schema());
    files[`${definition.name}.graphql`] = sdl;
    services.push({ name: definition.name, url: urls[definition.name], typeDefs: parse(sdl) });
  }
  const result = composeServices(services);
  if (result.errors) return { files, errors: result.errors.map((error) => error.message) };
  files['supergraph.graphql'] = result.supergraphSdl;
  return { files, errors: [] };
}

if (require.main === module) {
  compose().then(
    ({ files, errors }) => {
      if (errors.length > 0) {
        console.error(`Composition failed:\n${errors.join('\n')}`);
        process.exit(1);
      }
      for (const [file, sdl] of Object.entries(files)) writeFileSync(join(SCHEMA_DIR, file), sdl);
      console.log(`Wrote ${Object.keys(files).map((file) => `schema/${file}`).join(', ')}`);
    },
    (error: Error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
