import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import ts from 'typescript';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';

/**
 * The gateway serves the committed supergraph and runs beside subgraphs it never loads: it may use the
 * shared utilities of `subgraphs/common/` (configuration, identity, errors, scalars), never a subgraph's
 * entities or resolvers, nor the composition tool that builds them.
 */
const forbidden = (file: string) => {
  const path = relative(PROJECT_ROOT, file).split(sep).join('/');
  return (path.startsWith('subgraphs/') && !path.startsWith('subgraphs/common/')) || path === 'schema/compose.ts';
};

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The project's own modules `file` imports, requires or loads dynamically. */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.flatMap(({ fileName }) => {
    const resolved = ts.resolveModuleName(fileName, file, { moduleResolution: ts.ModuleResolutionKind.Node10 }, ts.sys).resolvedModule;
    return resolved && !resolved.isExternalLibraryImport && resolved.extension === ts.Extension.Ts ? [resolved.resolvedFileName] : [];
  });
}

/** Every chain of imports from the gateway's files that reaches a forbidden module. */
function forbiddenChains(roots: string[]): string[][] {
  const chains: string[][] = [];
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const path = [...chain, relative(PROJECT_ROOT, file)];
    if (forbidden(file)) return void chains.push(path);
    for (const imported of importsOf(file)) visit(imported, path);
  };
  for (const root of roots) visit(root, []);
  return chains;
}

describe('the gateway', () => {
  const gatewayFiles = typeScriptFiles(join(PROJECT_ROOT, 'gateway'));

  it('has files to check', () => {
    expect(gatewayFiles.map((file) => relative(PROJECT_ROOT, file))).toContain(join('gateway', 'index.ts'));
  });

  it('imports no subgraph’s code and not the composition tool, directly or through other modules', () => {
    expect(forbiddenChains(gatewayFiles)).toEqual([]);
  });

  it('would notice such an import (the check itself works)', () => {
    expect(forbiddenChains([join(PROJECT_ROOT, 'scripts', 'hub.ts')]).length).toBeGreaterThan(0);
  });
});
