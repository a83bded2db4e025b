import { parseArgs } from 'node:util';
import { issueToken } from '../gateway/auth';
import { ROLES, type Role } from '../subgraphs/common/auth';
import { env } from '../subgraphs/common/env';

/** `npm run token -- --agency <code> --roles <ROLE,...> --name "<name>" [--sub <id>] [--expires 8h]` */
function main(): void {
  const { values } = parseArgs({
    options: {
      agency: { type: 'string' },
      roles: { type: 'string' },
      name: { type: 'string' },
      sub: { type: 'string' },
      expires: { type: 'string', default: '8h' },
    },
  });
  const roles = (values.roles ?? '').split(',').map((role) => role.trim().toUpperCase()).filter(Boolean);
  const unknown = roles.filter((role) => !(ROLES as readonly string[]).includes(role));
  if (!values.agency || !values.name || roles.length === 0 || unknown.length > 0) {
    console.error(
      `Usage: npm run token -- --agency <code> --roles <${ROLES.join('|')},...> --name "<name>" [--sub <id>] [--expires 8h]` +
        (unknown.length ? `\nUnknown roles: ${unknown.join(', ')}` : ''),
    );
    process.exit(2);
  }
  const expires = /^\d+$/.test(values.expires!) ? Number(values.expires) : values.expires;
  console.log(
    issueToken({ agency: values.agency, name: values.name, sub: values.sub, roles: roles as Role[], expiresIn: expires }, env().jwtSecret),
  );
}

main();
