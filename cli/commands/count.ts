// `tokenwise count [FILE|-] --model M`: the tokens of a text file or of a whole chat request (--request FILE).
import {
  ChatRequestError,
  countTokens,
  estimateFile,
  estimateRequest,
  ExactCountConfigError,
  ExactTokenCounter,
  extractPromptFile,
  isPromptFile,
  modelLabel,
  resolveTokenizer,
  UnknownModelError,
  type Policy,
  type PromptEstimate,
  type TokenCount,
} from '../../core/node';
import {
  ExitCode,
  maxInputBytes,
  oneOf,
  parseOptions,
  policyGoverning,
  readTextInput,
  UsageError,
  type CliIO,
} from '../io';
import { outputWidth, wrapText } from '../layout';

const help = `Usage: tokenwise count [FILE|-] --model MODEL [options]

Counts the tokens of a text file (or standard input with '-'), or with --request the whole prompt of a chat
request in OpenAI Chat Completions or Anthropic Messages shape (messages, system, tools, images).
A prompt file (.prompt, .prompty, .j2, .hbs, .liquid, .md/.txt under prompts/, the policy's promptFiles) is
counted as 'tokenwise audit' counts it: front matter is settings, not prompt text; template variables at their
estimated sizes; the provider's message framing on its own line. With a prompt file naming its model, --model
may be left out.
OpenAI models are counted exactly; Claude and Gemini are estimated with a stated band (shown as ≈ low–high).

Options:
  --model MODEL          Model id, e.g. gpt-4o, gpt-4.1-mini, claude-sonnet-4-5, gemini-2.5-flash.
                         With --request it defaults to the request's "model".
  --request FILE         Count a chat request (JSON) instead of plain text ('-' for standard input).
  --format text|json     Output format (default text). json: tokens, exact, low, high, encoding, model, note, parts.
  --fallback estimate    For a model tokenwise does not know, print an estimate instead of failing. Custom
                         models of the policy file (customModels) are always counted as estimates.
  --exact                For Claude and Gemini, ask the provider's token-counting API (Anthropic count_tokens,
                         Gemini countTokens) with ANTHROPIC_API_KEY / GEMINI_API_KEY from the environment
                         (ANTHROPIC_BASE_URL / GEMINI_BASE_URL override the hosts). Any failure prints the
                         estimate and the reason.

Limits: inputs up to ${maxInputBytes / 1024 / 1024} MiB of UTF-8 text; binary files and empty input are refused.
Exit codes: 0 ok, 2 bad arguments or input (unknown model, unreadable/binary/empty/oversized input, malformed
request), 3 internal error.
`;

const formats = ['text', 'json'] as const;

export async function run(args: string[], io: CliIO): Promise<number> {
  const optionSpec = {
    model: { type: 'string', short: 'm' },
    request: { type: 'string' },
    format: { type: 'string' },
    fallback: { type: 'string' },
    exact: { type: 'boolean' },
  } as const;
  const { values, positionals } = parseOptions(args, optionSpec, help);
  if (values.help) {
    io.stdout(help);
    return ExitCode.ok;
  }
  const format = oneOf(values.format ?? 'text', formats, '--format');
  if (values.fallback !== undefined && values.fallback !== 'estimate')
    throw new UsageError(`--fallback takes only 'estimate', not '${values.fallback}'.`);
  const options = { fallback: values.fallback === 'estimate' ? ('estimate' as const) : ('error' as const) };
  if (positionals.length > 1 || (positionals.length === 1 && values.request !== undefined)) {
    throw new UsageError('give one input: a FILE (or -), or --request FILE.');
  }

  const input = await readTextInput(values.request ?? positionals[0] ?? '-', io);
  const request = values.request === undefined ? undefined : parseRequest(input.name, input.text);
  const promptFile =
    request === undefined &&
    input.name !== 'standard input' &&
    isPromptFile(input.name, { promptGlobs: policyGoverning(input.name, io.cwd).promptFiles });
  if (values.model === undefined && request === undefined && !promptFile)
    throw new UsageError('--model is required, e.g. --model gpt-4o (see --help).');

  const count = async (options: { fallback: 'error' | 'estimate' }): Promise<number> => {
    if (values.model !== undefined) resolveTokenizer(values.model, options);
    if (request !== undefined) {
      if (values.exact) {
        const exact = await exactCount(options, (counter) => counter.countRequest(request, values.model, options));
        io.stdout(
          format === 'json'
            ? `${JSON.stringify(exact, null, 2)}\n`
            : `${wrapText(formatCount(exact), outputWidth(io))}\n`,
        );
        return ExitCode.ok;
      }
      const own = (request as { model?: unknown }).model;
      if (values.model === undefined && (typeof own !== 'string' || own === ''))
        throw new UsageError('no model given: set "model" in the request or pass --model.');
      if (values.model === undefined) resolveTokenizer(own as string, options);
      const estimate = estimateRequest(request, {
        policy: policyGoverning(values.request!, io.cwd),
        model: values.model,
        fileName: input.name,
      });
      io.stdout(
        format === 'json'
          ? `${JSON.stringify(countJson(estimate), null, 2)}\n`
          : wrapText(formatEstimate(estimate, `${estimate.requestShape} request`), outputWidth(io)),
      );
      return ExitCode.ok;
    }
    if (promptFile && !values.exact) {
      const estimate = estimateFile(input.text, input.name, {
        policy: policyGoverning(input.name, io.cwd),
        model: values.model,
      });
      if (values.model === undefined) resolveTokenizer(estimate.model, options);
      io.stdout(
        format === 'json'
          ? `${JSON.stringify(countJson(estimate), null, 2)}\n`
          : wrapText(formatEstimate(estimate, 'prompt file'), outputWidth(io)),
      );
      return ExitCode.ok;
    }
    // The provider counts a prompt file's body (its messages' text, variables as written), never its front matter.
    const file = promptFile ? extractPromptFile(input.text, input.name) : undefined;
    const text = file ? file.parts.map((part) => part.text).join('\n') : input.text;
    const model = values.model ?? file?.model;
    if (model === undefined) throw new UsageError('--model is required: the prompt file names no model (see --help).');
    const counted = values.exact
      ? await exactCount(options, (counter) => counter.countText(text, model, options))
      : countTokens(text, model, options);
    io.stdout(
      format === 'json'
        ? `${JSON.stringify(counted, null, 2)}\n`
        : `${wrapText(formatCount(counted), outputWidth(io))}\n`,
    );
    return ExitCode.ok;
  };

  try {
    return await count(options);
  } catch (error) {
    // A custom model of the policy file is one tokenwise knows, though not its tokenizer: it gets the estimate.
    if (
      error instanceof UnknownModelError &&
      options.fallback === 'error' &&
      isPolicyCustomModel(error.model, policyGoverning(input.name === 'standard input' ? '-' : input.name, io.cwd))
    ) {
      return await count({ fallback: 'estimate' });
    }
    if (error instanceof UnknownModelError) throw new UsageError(`--model: ${error.message}`);
    if (error instanceof ChatRequestError) throw new UsageError(error.message);
    throw error;
  }
}

/** The count as JSON: the total's fields at the top (tokens, exact, low, high…), then its lines and sources. */
function countJson(estimate: PromptEstimate): object {
  return {
    ...estimate.tokens,
    parts: Object.fromEntries(
      estimate.parts.map((part) => [part.label, { tokens: part.tokens, variableTokens: part.variableTokens }]),
    ),
    variableTokens: estimate.parts.reduce((sum, part) => sum + part.variableTokens, 0),
    modelSource: estimate.modelSource,
    modelAssumed: estimate.modelAssumed,
  };
}

function isPolicyCustomModel(model: string, policy: Policy): boolean {
  const wanted = model.trim().toLowerCase();
  return Object.keys(policy.customModels).some((id) => id.toLowerCase() === wanted);
}

/** A count from the provider's API; without its key, the estimate says which variable to set. */
async function exactCount(
  options: { fallback: 'error' | 'estimate' },
  count: (counter: ExactTokenCounter) => Promise<TokenCount>,
): Promise<TokenCount> {
  const env = process.env;
  const keys = { anthropic: env.ANTHROPIC_API_KEY, google: env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY };
  const baseUrlVariables: Record<string, string> = {
    anthropicBaseUrl: 'ANTHROPIC_BASE_URL',
    geminiBaseUrl: 'GEMINI_BASE_URL',
  };
  let counter: ExactTokenCounter;
  try {
    // An empty variable is an unset one.
    counter = new ExactTokenCounter({
      anthropicApiKey: keys.anthropic,
      geminiApiKey: keys.google,
      anthropicBaseUrl: env.ANTHROPIC_BASE_URL || undefined,
      geminiBaseUrl: env.GEMINI_BASE_URL || undefined,
    });
  } catch (error) {
    // A base URL the key may not go to (plain http to another machine, say): refused before anything is sent.
    if (error instanceof ExactCountConfigError)
      throw new UsageError(`${baseUrlVariables[error.field] ?? error.field}: ${error.problem}.`);
    throw error;
  }
  const result = await count(counter);
  const provider = ExactTokenCounter.providerOf(result.model, options);
  if (!provider || keys[provider]) return result;
  const variable = provider === 'anthropic' ? 'ANTHROPIC_API_KEY' : 'GEMINI_API_KEY';
  return { ...result, note: `--exact: ${variable} is not set; showing the estimate. ${result.note ?? ''}`.trim() };
}

function parseRequest(name: string, text: string): unknown {
  let request: unknown;
  try {
    request = JSON.parse(text);
  } catch (error) {
    const position = jsonErrorPosition(text, (error as Error).message);
    const where = position === undefined ? '' : ` at ${lineAndColumn(text, position)}`;
    throw new UsageError(`${name} is not valid JSON${where}: ${(error as Error).message}`);
  }
  const lone = findLoneSurrogate(request, '');
  if (lone)
    throw new UsageError(
      `${name}: ${lone.path || '(root)'} contains a lone surrogate (\\u${lone.unit.toString(16)}); it is not valid Unicode text.`,
    );
  return request;
}

/** V8 states a position for most JSON errors; for "Unexpected token" it quotes the text around the token instead. */
function jsonErrorPosition(text: string, message: string): number | undefined {
  const position = /at position (\d+)/.exec(message);
  if (position) return Number(position[1]);
  const quoted = /^Unexpected token '(.+?)', (?:\.\.\.)?"([\s\S]*?)"(?:\.\.\.)? is not valid JSON$/.exec(message);
  if (!quoted) return undefined;
  const at = text.indexOf(quoted[2]);
  return at === -1 ? undefined : at + quoted[2].indexOf(quoted[1]);
}

function lineAndColumn(text: string, position: number): string {
  const before = text.slice(0, position);
  const line = before.split('\n').length;
  return `line ${line}, column ${position - before.lastIndexOf('\n')}`;
}

function findLoneSurrogate(value: unknown, path: string): { path: string; unit: number } | undefined {
  if (typeof value === 'string') {
    const match = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(value);
    return match ? { path, unit: match[0].charCodeAt(0) } : undefined;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findLoneSurrogate(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      const found = findLoneSurrogate(inner, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

const number = (n: number) => n.toLocaleString('en-US');

function formatCount(count: TokenCount): string {
  const tokens = `${number(count.tokens)} token${count.tokens === 1 ? '' : 's'}`;
  const head = count.exact
    ? `${tokens} (${count.model}, ${count.encoding}, exact)`
    : `≈ ${tokens}, ${number(count.low)}–${number(count.high)} (${count.model}, estimate from ${count.encoding})`;
  return count.note ? `${head}\n${count.note}` : head;
}

/** The total, then one line per part (overhead included), so the lines add up to the total. */
function formatEstimate(estimate: PromptEstimate, what: string): string {
  const total = estimate.tokens;
  const lines = [`${formatCount({ ...total, model: modelLabel(estimate), note: undefined })}, ${what}`];
  for (const part of estimate.parts) {
    const variables = part.variableTokens > 0 ? ` (template variables ≈ ${number(part.variableTokens)})` : '';
    lines.push(`  ${part.label.padEnd(9)} ${total.exact ? '' : '≈ '}${number(part.tokens)}${variables}`);
  }
  if (total.note) lines.push(total.note);
  return `${lines.join('\n')}\n`;
}
