// `tokenwise cost FILE --model M`: what a prompt file costs per call, per day and per month at its call volume.
import { relative, resolve } from 'node:path';
import {
  callsPerDayFor,
  countTokens,
  estimatePromptCost,
  findModel,
  formatUsd,
  loadPolicy,
  loadPriceCache,
  outputTokensFor,
  PolicyError,
  pricesAsOf,
  suggestModels,
  type PromptCostEstimate,
  type TokenCount,
} from '../../core/node';
import { ExitCode, oneOf, parseOptions, readTextInput, UsageError, type CliIO } from '../io';
import { outputWidth, wrapText } from '../layout';

const help = `Usage: tokenwise cost FILE --model MODEL [options]

Counts the tokens of a prompt file ('-' for standard input; UTF-8 text up to 32 MiB) and prices one call, a day
and a month (30 days) of calls with MODEL: the prompt as input plus the expected output. Volume and output assumptions come from the options, else from
the policy file (volumes, outputTokens), else its defaults (1,000 calls a day, 500 output tokens).

Options:
  --model MODEL          Model id, e.g. gpt-4o, claude-sonnet-4-5, gemini-2.5-flash, or a custom model of the policy.
  --output-tokens N      Expected output tokens per call (e.g. the call site's max tokens).
  --calls-per-day N      Expected calls per day.
  --static-prefix N      Tokens at the start of the prompt that are the same on every call; when the provider can
                         cache that many, the cost with prompt caching and the saving are shown too.
  --format text|json     Output format (default text). json amounts are integer nano-dollars (1 USD = 1e9).

Exit codes: 0 ok, 2 bad arguments or input (unknown model, unreadable file, invalid policy), 3 internal error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = {
    model: { type: 'string', short: 'm' },
    'output-tokens': { type: 'string' },
    'calls-per-day': { type: 'string' },
    'static-prefix': { type: 'string' },
    format: { type: 'string' },
  } as const;
  const { values, positionals } = parseOptions(args, options, help);
  if (values.help) {
    io.stdout(help);
    return ExitCode.ok;
  }
  const format = oneOf(values.format ?? 'text', ['text', 'json'], '--format');
  if (positionals.length !== 1) throw new UsageError(`give one prompt FILE (see --help).`);
  if (values.model === undefined) throw new UsageError('--model is required, e.g. --model gpt-4o (see --help).');
  const outputOption = wholeNumber('--output-tokens', values['output-tokens']);
  const callsOption = wholeNumber('--calls-per-day', values['calls-per-day']);
  const staticPrefixTokens = wholeNumber('--static-prefix', values['static-prefix']);

  let policy;
  try {
    policy = loadPolicy(io.cwd);
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(error.message);
    throw error;
  }
  const cache = await loadPriceCache();
  if (cache.problem) io.stderr(`tokenwise cost: ${cache.problem}; using the bundled prices.\n`);
  const customModels = policy.customModels;
  const model = findModel(values.model, customModels);
  if (!model) {
    const suggestions = suggestModels(values.model, 3, customModels);
    throw new UsageError(`unknown model '${values.model}'. Closest known: ${suggestions.join(', ')}. Run 'tokenwise models' for the catalog.`);
  }

  const path = positionals[0]!;
  const { text } = await readTextInput(path, io);
  const policyPath = path === '-' ? path : relative(io.cwd, resolve(io.cwd, path));
  const outputTokens = outputOption ?? outputTokensFor(policy, policyPath);
  const callsPerDay = callsOption ?? callsPerDayFor(policy, policyPath);
  // A model priced by the catalog but unknown to the tokenizers (self-hosted, open weights) still gets an estimate.
  const count = countTokens(text, values.model, { fallback: 'estimate' });
  const estimate = estimatePromptCost({
    model: model.id,
    provider: model.provider,
    promptTokens: count.tokens,
    outputTokens,
    callsPerDay,
    staticPrefixTokens,
    customModels,
  });

  if (format === 'json') {
    io.stdout(`${JSON.stringify({ file: path, model: model.id, provider: model.provider, count, ...estimate, pricesAsOf: pricesAsOf(), priceSource: model.custom ? 'policy' : cache.source }, null, 2)}\n`);
  } else {
    const text = describe(path, `${model.id} (${model.provider})`, count, estimate, model.custom ? 'custom prices from the policy file' : `prices as of ${pricesAsOf()}`);
    io.stdout(wrapText(text, outputWidth(io)));
  }
  return ExitCode.ok;
}

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`${name} must be a whole number ≥ 0, not '${value}'.`);
  return n;
}

const number = (n: number) => n.toLocaleString('en-US');

function describe(path: string, model: string, count: TokenCount, estimate: PromptCostEstimate, pricesNote: string): string {
  const tokens = count.exact ? `${number(count.tokens)} tokens` : `≈ ${number(count.tokens)} tokens (${number(count.low)}–${number(count.high)})`;
  const lines = [
    `${path} with ${model}: ${tokens} in, ${number(estimate.outputTokens)} out per call`,
    `  per call   ${formatUsd(estimate.perCall)}`,
    `  per day    ${formatUsd(estimate.perDay)} at ${number(estimate.callsPerDay)} calls`,
    `  per month  ${formatUsd(estimate.perMonth)} (30 days)`,
  ];
  const cached = estimate.withCaching;
  if (cached) {
    lines.push(
      `  with prompt caching of the ${number(cached.cachedPrefixTokens)}-token static prefix:`,
      `    ${formatUsd(cached.perCall)} per cached call, ${formatUsd(cached.perMonth)} per month (saves ${formatUsd(cached.savingPerMonth)}, ${cached.savingPercent} %)`,
    );
  }
  lines.push(`USD, ${pricesNote}.`);
  return `${lines.join('\n')}\n`;
}
