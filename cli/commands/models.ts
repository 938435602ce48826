// `tokenwise models`: the model catalog with prices per million tokens, context window and tier.
import {
  ladderProviders,
  listModels,
  loadPolicy,
  loadPriceCache,
  PolicyError,
  pricesAsOf,
  type ModelInfo,
} from '../../core/node';
import { ExitCode, oneOf, parseOptions, UsageError, type CliIO } from '../io';
import { formatTable, outputWidth, wrapText, type TableColumn } from '../layout';

const help = `Usage: tokenwise models [--provider P] [--format text|json]

Lists the model catalog: provider, size tier (small, medium, large, frontier), USD per million input and output
tokens, context window, largest output and capabilities. Custom models from the policy file are included.
Prices are the cached price data ('tokenwise prices update'), else the bundled snapshot; their date is shown.

Options:
  --provider P         One provider only, e.g. openai, anthropic, google, groq.
  --format text|json   Output format (default text).

Exit codes: 0 ok, 2 bad arguments or an invalid policy file, 3 internal error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseOptions(
    args,
    { provider: { type: 'string' }, format: { type: 'string' } } as const,
    help,
  );
  if (values.help) {
    io.stdout(help);
    return ExitCode.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument '${positionals[0]}' (see --help).`);
  const format = oneOf(values.format ?? 'text', ['text', 'json'], '--format');
  let customModels;
  try {
    customModels = loadPolicy(io.cwd).customModels;
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(error.message);
    throw error;
  }
  const cache = await loadPriceCache();
  if (cache.problem) io.stderr(`tokenwise models: ${cache.problem}; using the bundled prices.\n`);

  const provider = values.provider?.toLowerCase();
  const models = listModels({ provider, customModels });
  if (provider && models.length === 0) {
    const known = [...new Set([...ladderProviders(), ...listModels({ customModels }).map((m) => m.provider)])];
    throw new UsageError(`no models for provider '${values.provider}'; known providers: ${known.join(', ')}.`);
  }
  if (format === 'json') {
    io.stdout(`${JSON.stringify({ pricesAsOf: pricesAsOf(), priceSource: cache.source, models }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const width = outputWidth(io);
  const note = `Prices in USD per million tokens, as of ${pricesAsOf()} (${cache.source === 'cache' ? 'refreshed' : 'bundled'} data).`;
  io.stdout(`${formatTable(columns, models.map(row), width)}\n${wrapText(note, width)}\n`);
  return ExitCode.ok;
}

const money = (perMTok: number | undefined) =>
  perMTok === undefined
    ? '–'
    : `$${perMTok.toLocaleString('en-US', { minimumFractionDigits: Number.isInteger(perMTok) ? 0 : 2, maximumFractionDigits: 4 })}`;
const tokens = (n: number) =>
  n === 0 ? '?' : n >= 1_000_000 ? `${+(n / 1_000_000).toFixed(2)}M` : `${Math.round(n / 1000)}k`;

const columns: TableColumn[] = [
  { title: 'Model', align: 'left', cut: 'end' },
  { title: 'Provider', align: 'left', cut: 'end' },
  { title: 'Tier', align: 'left' },
  { title: 'Input', align: 'right' },
  { title: 'Output', align: 'right' },
  { title: 'Context', align: 'right' },
  { title: 'Max out', align: 'right' },
  { title: 'Capabilities', align: 'left', cut: 'wrap' },
];

function row(m: ModelInfo): string[] {
  return [
    m.id,
    m.provider,
    m.tier,
    money(m.inputPerMTok),
    money(m.outputPerMTok),
    tokens(m.contextWindow),
    tokens(m.maxOutputTokens),
    [
      m.capabilities.tools && 'tools',
      m.capabilities.reasoning && 'reasoning',
      m.capabilities.vision && 'vision',
      m.capabilities.jsonMode && 'json',
      m.custom && 'custom',
      m.deprecation && `deprecated ${m.deprecation === 'deprecated' ? '' : m.deprecation}`.trim(),
    ]
      .filter(Boolean)
      .join(' '),
  ];
}
