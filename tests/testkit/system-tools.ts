import { execFileSync } from 'node:child_process';
import { env } from '../../subgraphs/common/env';

/** Debian packages some tests drive: poppler-utils (pdftotext, pdftoppm, pdfinfo), chromium and redis-server. */
const PACKAGE_OF: Record<string, string> = { pdftotext: 'poppler-utils', pdftoppm: 'poppler-utils', pdfinfo: 'poppler-utils', chromium: 'chromium', 'redis-server': 'redis-server' };

function missing(tools: string[]): string[] {
  return tools.filter((tool) => {
    try {
      execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
      return false;
    } catch {
      return true;
    }
  });
}

/**
 * `describe` for tests that need system tools. Without them the block is skipped with a notice naming the
 * packages to install, unless HUB_REQUIRE_SYSTEM_TOOLS=1 (CI), where their absence fails the run.
 */
export function describeWithTools(tools: string[], name: string, body: () => void): void {
  const absent = missing(tools);
  if (absent.length === 0) {
    describe(name, body);
    return;
  }
  const packages = [...new Set(absent.map((tool) => PACKAGE_OF[tool] ?? tool))].join(' ');
  if (env().requireSystemTools) {
    describe(name, () => {
      it('has the system tools it needs', () => {
        throw new Error(`Missing ${absent.join(', ')}: apt-get install ${packages}`);
      });
    });
    return;
  }
  console.warn(`Skipping “${name}”: it needs ${absent.join(', ')} (apt-get install ${packages}).`);
  describe.skip(name, body);
}
