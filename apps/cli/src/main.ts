// npx credit-share <command> …
import { UsageError } from './usage-error';

/* eslint-disable @typescript-eslint/no-require-imports -- commands load lazily: `token` should not pay for Nest. */
const COMMANDS: Record<string, { usage: string; run: (argv: string[]) => Promise<void> }> = {
  token: {
    usage: 'token --org <orgId> --roles <role[,role]> [--subject <uscc>] [--user <id>] [--ttl <seconds>]',
    run: (a) => (require('./commands/token.command') as typeof import('./commands/token.command')).tokenCommand(a),
  },
  import: {
    usage:
      'import <file.csv|file.xlsx> [--severity <light|general|serious>] [--url <base>] [--token <jwt> | --org <orgId>] [--report <file>]',
    run: (a) => (require('./commands/import.command') as typeof import('./commands/import.command')).importCommand(a),
  },
  replay: {
    usage: 'replay [--projection <name>] [--dry-run]',
    run: (a) => (require('./commands/replay.command') as typeof import('./commands/replay.command')).replayCommand(a),
  },
  dlq: {
    usage: 'dlq list | dlq redrive --service <name> [--subject <uscc>]',
    run: (a) => (require('./commands/dlq.command') as typeof import('./commands/dlq.command')).dlqCommand(a),
  },
  audit: {
    usage: 'audit verify [--url <base>] [--token <jwt>] [--key <verifier key>] [--state <file>] | audit keygen --name <name>',
    run: (a) => (require('./commands/audit.command') as typeof import('./commands/audit.command')).auditCommand(a),
  },
  bench: {
    usage: 'bench <store|ledger|profiles> [--quick]',
    run: (a) => (require('./commands/bench.command') as typeof import('./commands/bench.command')).benchCommand(a),
  },
};
/* eslint-enable @typescript-eslint/no-require-imports */

function usage(): string {
  return ['usage: npx credit-share <command>', '', ...Object.values(COMMANDS).map((c) => `  ${c.usage}`), ''].join('\n');
}

async function main(argv: string[]): Promise<void> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage());
    return;
  }
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${name}"`, usage());
  await command.run(rest);
}

main(process.argv.slice(2)).then(
  () => process.exit(process.exitCode ?? 0),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`credit-share: ${error.message}\nusage: npx credit-share ${error.usage}\n`);
      process.exit(2);
    }
    const code = (error as { code?: string }).code;
    if (
      code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ||
      code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' ||
      code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL'
    ) {
      process.stderr.write(`credit-share: ${(error as Error).message}\n${usage()}`);
      process.exit(2);
    }
    process.stderr.write(`credit-share: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
