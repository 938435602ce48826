// `tokenwise cost FILE --model M`: what a prompt file costs per call, per day and per month at its call volume.
import { relative, resolve } from 'node:path';
import {
  assumedCostMark,
  estimateFile,
  findModel,
  formatUsd,
  loadPriceCache,
  modelLabel,
  outputSourceLabels,
  pricesAsOf,
  suggestModels,
  volumeLabel,
  type PromptCostEstimate,
  type PromptEstimate,
} from '../../core/node';
import { ExitCode, oneOf, parseOptions, policyGoverning, readTextInput, UsageError, type CliIO } from '../io';
import { outputWidth, wrapText } from '../layout';

const help = `Usage: tokenwise cost FILE [--model MODEL] [options]

Counts the tokens of a prompt file ('-' for standard input; UTF-8 text up to 32 MiB) as 'tokenwise audit' does
(front matter is settings, never prompt text; template variables at their estimated sizes; the provider's message
framing) and prices one call, a day and a month (30 days) of calls: the prompt as input plus the expected output.
The model is MODEL, else the one the file's front matter names, else the policy's defaultModel (labelled assumed).
Output comes from --output-tokens, else the file's max tokens, else the policy (outputTokens, defaultOutputTokens);
volume from --calls-per-day, else the policy (volumes, else defaultCallsPerDay, labelled as the default).

Options:
  --model MODEL          Model id, e.g. gpt-4o, claude-sonnet-4-5, gemini-2.5-flash, or a custom model of the policy.
  --output-tokens N      Expected output tokens per call.
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
  const outputTokens = wholeNumber('--output-tokens', values['output-tokens']);
  const callsPerDay = wholeNumber('--calls-per-day', values['calls-per-day']);
  const staticPrefixTokens = wholeNumber('--static-prefix', values['static-prefix']);

  const path = positionals[0]!;
  const policy = policyGoverning(path, io.cwd);
  const cache = await loadPriceCache();
  if (cache.problem) io.stderr(`tokenwise cost: ${cache.problem}; using the bundled prices.\n`);
  const customModels = policy.customModels;
  const chosen = values.model === undefined ? undefined : findModel(values.model, customModels);
  if (values.model !== undefined && !chosen) {
    const suggestions = suggestModels(values.model, 3, customModels);
    throw new UsageError(
      `--model: unknown model '${values.model}'. Closest known: ${suggestions.join(', ')}. Run 'tokenwise models' for the catalog.`,
    );
  }

  const { text } = await readTextInput(path, io);
  const policyPath = path === '-' ? path : relative(io.cwd, resolve(io.cwd, path));
  const estimate = estimateFile(text, policyPath, {
    policy,
    model: chosen?.id,
    provider: chosen?.provider,
    outputTokens,
    callsPerDay,
    staticPrefixTokens,
  });
  if (!estimate.cost) throw new UsageError(`${path}: ${estimate.unpriced ?? `no price for ${estimate.model}`}`);
  const model = chosen ?? findModel(estimate.model, customModels);
  const provider = model?.provider ?? 'unknown';
  const priceSource = model?.custom ? 'policy' : cache.source;

  if (format === 'json') {
    const { cost, ...numbers } = estimate;
    io.stdout(
      `${JSON.stringify({ file: path, ...numbers, provider, count: estimate.tokens, ...cost, pricesAsOf: pricesAsOf(), priceSource }, null, 2)}\n`,
    );
  } else {
    const text = describe(
      path,
      `${modelLabel(estimate)} (${provider})`,
      estimate,
      estimate.cost,
      model?.custom ? 'custom prices from the policy file' : `prices as of ${pricesAsOf()}`,
    );
    io.stdout(wrapText(text, outputWidth(io)));
  }
  return ExitCode.ok;
}

function wholeNumber(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n))
    throw new UsageError(`${name} must be a whole number ≥ 0, not '${value}'.`);
  return n;
}

const number = (n: number) => n.toLocaleString('en-US');

function describe(
  path: string,
  model: string,
  estimate: PromptEstimate,
  cost: PromptCostEstimate,
  pricesNote: string,
): string {
  const count = estimate.tokens;
  const tokens = count.exact
    ? `${number(count.tokens)} tokens`
    : `≈ ${number(count.tokens)} tokens (${number(count.low)}–${number(count.high)})`;
  const mark = assumedCostMark(estimate);
  const lines = [
    `${path} with ${model}: ${tokens} in, ${number(cost.outputTokens)} out per call (${outputSourceLabels[estimate.outputSource]})`,
    ...estimate.parts.map(
      (part) =>
        `  ${part.label.padEnd(10)} ${number(part.tokens)}${part.variableTokens > 0 ? ` (template variables ≈ ${number(part.variableTokens)})` : ''}`,
    ),
    `  per call   ${estimate.modelAssumed ? '≈ ' : ''}${formatUsd(cost.perCall)}`,
    `  per day    ${mark}${formatUsd(cost.perDay)} at ${volumeLabel(estimate)}`,
    `  per month  ${mark}${formatUsd(cost.perMonth)} (30 days)`,
  ];
  const cached = cost.withCaching;
  if (cached) {
    lines.push(
      `  with prompt caching of the ${number(cached.cachedPrefixTokens)}-token static prefix:`,
      `    ${formatUsd(cached.perCall)} per cached call, ${formatUsd(cached.perMonth)} per month (saves ${formatUsd(cached.savingPerMonth)}, ${cached.savingPercent} %)`,
    );
  }
  if (count.note) lines.push(count.note);
  lines.push(`USD, ${pricesNote}.`);
  return `${lines.join('\n')}\n`;
}
