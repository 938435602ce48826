// `tokenwise count [FILE|-] --model M`: the tokens of a text file or of a whole chat request (--request FILE).
import { ChatRequestError, countChatRequest, countTokens, ExactCountConfigError, ExactTokenCounter, loadPolicy, PolicyError, UnknownModelError, type ChatTokenCount, type TokenCount } from '../../core/node';
import { ExitCode, maxInputBytes, oneOf, parseOptions, readTextInput, UsageError, type CliIO } from '../io';

const help = `Usage: tokenwise count [FILE|-] --model MODEL [options]

Counts the tokens of a text file (or standard input with '-'), or with --request the whole prompt of a chat
request in OpenAI Chat Completions or Anthropic Messages shape (messages, system, tools, images).
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
  if (values.fallback !== undefined && values.fallback !== 'estimate') throw new UsageError(`--fallback takes only 'estimate', not '${values.fallback}'.`);
  const options = { fallback: values.fallback === 'estimate' ? ('estimate' as const) : ('error' as const) };
  if (positionals.length > 1 || (positionals.length === 1 && values.request !== undefined)) {
    throw new UsageError('give one input: a FILE (or -), or --request FILE.');
  }

  if (values.request === undefined && values.model === undefined) throw new UsageError('--model is required, e.g. --model gpt-4o (see --help).');
  const input = await readTextInput(values.request ?? positionals[0] ?? '-', io);
  const request = values.request === undefined ? undefined : parseRequest(input.name, input.text);

  const count = async (options: { fallback: 'error' | 'estimate' }): Promise<number> => {
    if (request !== undefined) {
      if (values.exact) {
        const exact = await exactCount(options, (counter) => counter.countRequest(request, values.model, options));
        io.stdout(format === 'json' ? `${JSON.stringify(exact, null, 2)}\n` : `${formatCount(exact)}\n`);
        return ExitCode.ok;
      }
      const counted = countChatRequest(request, values.model, options);
      io.stdout(format === 'json' ? `${JSON.stringify({ ...counted.total, parts: counted.parts }, null, 2)}\n` : formatRequest(counted));
      return ExitCode.ok;
    }
    const model = values.model!;
    const counted = values.exact ? await exactCount(options, (counter) => counter.countText(input.text, model, options)) : countTokens(input.text, model, options);
    io.stdout(format === 'json' ? `${JSON.stringify(counted, null, 2)}\n` : `${formatCount(counted)}\n`);
    return ExitCode.ok;
  };

  try {
    return await count(options);
  } catch (error) {
    // A custom model of the policy file is one tokenwise knows, though not its tokenizer: it gets the estimate.
    if (error instanceof UnknownModelError && options.fallback === 'error' && isPolicyCustomModel(error.model, io.cwd)) return await count({ fallback: 'estimate' });
    if (error instanceof UnknownModelError || error instanceof ChatRequestError) throw new UsageError(error.message);
    throw error;
  }
}

function isPolicyCustomModel(model: string, cwd: string): boolean {
  try {
    const wanted = model.trim().toLowerCase();
    return Object.keys(loadPolicy(cwd).customModels).some((id) => id.toLowerCase() === wanted);
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(error.message);
    throw error;
  }
}

/** A count from the provider's API; without its key, the estimate says which variable to set. */
async function exactCount(options: { fallback: 'error' | 'estimate' }, count: (counter: ExactTokenCounter) => Promise<TokenCount>): Promise<TokenCount> {
  const env = process.env;
  const keys = { anthropic: env.ANTHROPIC_API_KEY, google: env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY };
  const baseUrlVariables: Record<string, string> = { anthropicBaseUrl: 'ANTHROPIC_BASE_URL', geminiBaseUrl: 'GEMINI_BASE_URL' };
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
    if (error instanceof ExactCountConfigError) throw new UsageError(`${baseUrlVariables[error.field] ?? error.field}: ${error.problem}.`);
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
  if (lone) throw new UsageError(`${name}: ${lone.path || '(root)'} contains a lone surrogate (\\u${lone.unit.toString(16)}); it is not valid Unicode text.`);
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

function formatRequest(count: ChatTokenCount): string {
  const { total, parts } = count;
  const lines = [`${formatCount({ ...total, note: undefined })}, ${count.shape} request`];
  for (const [name, part] of Object.entries(parts)) {
    if (part.tokens !== 0) lines.push(`  ${name.padEnd(9)} ${total.exact ? '' : '≈ '}${number(part.tokens)}`);
  }
  if (total.note) lines.push(total.note);
  return `${lines.join('\n')}\n`;
}
