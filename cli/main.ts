import { decodeText, ExitCode, readLimited, UsageError, type CliIO } from './io';
import { version } from './package.json';

type Command = (args: string[], io: CliIO) => Promise<number>;

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  audit: {
    summary: 'Audit prompts in code and prompt files: tokens, cost, findings',
    load: async () => (await import('./commands/audit')).run,
  },
  diff: {
    summary: 'Compare the prompts of two git states: tokens, cost per month, new findings',
    load: async () => (await import('./commands/diff')).run,
  },
  count: { summary: 'Count the tokens of a file or request', load: async () => (await import('./commands/count')).run },
  cost: {
    summary: 'Price a prompt file per call, day and month',
    load: async () => (await import('./commands/cost')).run,
  },
  models: {
    summary: 'List models with prices, context and tier',
    load: async () => (await import('./commands/models')).run,
  },
  prices: {
    summary: 'Refresh the price data (prices update)',
    load: async () => (await import('./commands/prices')).run,
  },
};

function usage(): string {
  const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return `Usage: tokenwise <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun 'tokenwise <command> --help' for a command's options, 'tokenwise --version' for the version.\n`;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(usage());
    return name ? ExitCode.ok : ExitCode.badInput;
  }
  if (name === '--version' || name === '-v') {
    io.stdout(`${version}\n`);
    return ExitCode.ok;
  }
  const command = commands[name];
  if (!command) {
    io.stderr(`tokenwise: unknown command '${name}'.\n${usage()}`);
    return ExitCode.badInput;
  }
  try {
    return await (await command.load())(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`tokenwise ${name}: ${error.message}\n`);
      return ExitCode.badInput;
    }
    io.stderr(
      `tokenwise ${name}: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return ExitCode.internal;
  }
}

function processIO(): CliIO {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async (maxBytes = Infinity) =>
      decodeText('standard input', await readLimited(process.stdin, maxBytes, 'standard input')),
    isTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    // Not a terminal: COLUMNS when the caller sets it (a CI log wider than 100), else the default.
    columns: process.stdout.isTTY ? process.stdout.columns : positiveInteger(process.env.COLUMNS),
    env: process.env,
  };
}

function positiveInteger(text: string | undefined): number | undefined {
  return text !== undefined && /^[1-9]\d*$/.test(text) ? Number(text) : undefined;
}

if (require.main === module) {
  runCli(process.argv.slice(2), processIO()).then((code) => {
    process.exitCode = code;
  });
}
