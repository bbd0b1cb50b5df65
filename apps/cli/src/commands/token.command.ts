// `npx credit-share token --org <orgId> --roles <role[,role]> [--subject <uscc>] [--user <id>] [--ttl <seconds>]`
// prints a token of the development issuer (the key under DATA_DIR, shared with the running platform).
import { DevIssuer, ROLES, isRole } from '@credit-share/auth';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readCliConfig } from '../cli.config';
import { UsageError } from '../usage-error';

export const TOKEN_USAGE = 'token --org <orgId> --roles <role[,role]> [--subject <uscc>] [--user <id>] [--ttl <seconds>]';

export async function tokenCommand(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      org: { type: 'string' },
      roles: { type: 'string' },
      subject: { type: 'string' },
      user: { type: 'string' },
      ttl: { type: 'string' },
    },
    strict: true,
  });
  if (!values.org) throw new UsageError('--org is required', TOKEN_USAGE);
  if (!values.roles) throw new UsageError('--roles is required', TOKEN_USAGE);
  const roles = values.roles
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = roles.filter((r) => !isRole(r));
  if (unknown.length > 0)
    throw new UsageError(`unknown role(s): ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`, TOKEN_USAGE);
  if (roles.includes('subject') && !values.subject) {
    throw new UsageError('a subject token needs --subject <uscc> (and --org set to the same USCC)', TOKEN_USAGE);
  }
  const ttl = values.ttl ? Number(values.ttl) : 12 * 3600;
  if (!Number.isInteger(ttl) || ttl <= 0) throw new UsageError('--ttl must be a positive number of seconds', TOKEN_USAGE);
  const config = readCliConfig();
  if (config.AUTH_MODE !== 'dev')
    throw new UsageError('tokens are issued by the external OIDC issuer (AUTH_MODE=oidc)', TOKEN_USAGE);
  const issuer = await DevIssuer.loadOrCreate(resolve(config.DATA_DIR));
  const token = await issuer.sign(
    {
      sub: values.user ?? `${values.org}:cli`,
      org: values.org,
      roles: roles.filter(isRole),
      subject: values.subject?.trim().toUpperCase(),
    },
    ttl,
  );
  process.stdout.write(token + '\n');
}
