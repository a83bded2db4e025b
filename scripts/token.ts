import { parseArgs } from 'node:util';
import { issueToken } from '../gateway/auth';
import { ROLES, type Role } from '../subgraphs/common/auth';
import { env } from '../subgraphs/common/env';

const USAGE = `Issues a development token, signed with HUB_JWT_SECRET, and prints it alone on standard output.

Usage: npm run -s token -- --agency <code> --roles <${ROLES.join('|')},...> --name "<name>" [--sub <id>] [--expires 8h]

  --agency   the agency the caller works for, e.g. BG.STP
  --roles    one or more roles, comma-separated
  --name     the officer's or system's name, as forms and history print it
  --sub      a stable subject id (defaults to none)
  --expires  lifetime: seconds, or 30m, 8h, …
  --help     this text

Example: TOKEN=$(npm run -s token -- --agency BG.STP --roles RECEPTIONIST --name "Nguyễn Văn A")`;

/** `npm run -s token -- --agency <code> --roles <ROLE,...> --name "<name>" [--sub <id>] [--expires 8h]` */
function main(argv: string[]): number {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        agency: { type: 'string' },
        roles: { type: 'string' },
        name: { type: 'string' },
        sub: { type: 'string' },
        expires: { type: 'string', default: '8h' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const roles = (values.roles ?? '').split(',').map((role) => role.trim().toUpperCase()).filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (!values.agency || !values.name || roles.length === 0 || unknown.length > 0) {
    console.error((unknown.length ? `Unknown roles: ${unknown.join(', ')}\n\n` : '') + USAGE);
    return 2;
  }
  const expires = /^\d+$/.test(values.expires!) ? Number(values.expires) : values.expires;
  console.log(
    issueToken({ agency: values.agency, name: values.name, sub: values.sub, roles: roles as Role[], expiresIn: expires }, env().jwtSecret),
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
