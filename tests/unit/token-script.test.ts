import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import jwt from 'jsonwebtoken';
import { env } from '../../subgraphs/common/env';
import { PROJECT_ROOT } from '../../subgraphs/common/reference-data';

/** `npm run -s token` as an integrator calls it: TOKEN=$(npm run -s token -- …) must capture the token alone. */

const run = promisify(execFile);
const token = (...args: string[]) => run('npm', ['run', '-s', 'token', '--', ...args], { cwd: PROJECT_ROOT, env: { ...process.env, NODE_ENV: 'development' } });

describe('npm run -s token', () => {
  it('prints the token alone, signed with the development secret, with the claims asked for', async () => {
    const { stdout } = await token('--agency', 'BG.STP', '--roles', 'receptionist,PROCESSOR', '--name', 'Nguyễn Văn A', '--expires', '1h');
    expect(stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const claims = jwt.verify(stdout.trim(), env().jwtSecret) as jwt.JwtPayload;
    expect(claims).toMatchObject({ agency: 'BG.STP', name: 'Nguyễn Văn A', roles: ['RECEPTIONIST', 'PROCESSOR'] });
    expect(claims.exp! - claims.iat!).toBe(3600);
  });

  it('prints its usage with --help and exits 0', async () => {
    const { stdout } = await token('--help');
    expect(stdout).toContain('Usage: npm run -s token -- --agency <code> --roles');
    expect(stdout).toContain('--expires');
  });

  it.each([
    [['--agency', 'BG.STP', '--roles', 'MAYOR', '--name', 'A'], 'Unknown roles: MAYOR'],
    [['--agency', 'BG.STP', '--name', 'A'], 'Usage:'],
    [['--bogus'], "Unknown option '--bogus'"],
  ])('refuses %j with exit code 2, a reason and the usage on standard error, and prints no token', async (args, reason) => {
    const failure = await token(...args).then(
      () => null,
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2, stdout: '' });
    expect(failure!.stderr).toContain(reason);
    expect(failure!.stderr).toContain('Usage:');
  });
});
