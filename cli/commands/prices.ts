// `tokenwise prices update`: refresh the cached price data from genai-prices' published data file.
import { resolve } from 'node:path';
import { DEFAULT_PRICES_URL, defaultPriceCacheDir, PriceUpdateError, updatePriceCache } from '../../core/node';
import { ExitCode, parseOptions, UsageError, type CliIO } from '../io';

const help = `Usage: tokenwise prices update [options]

Downloads the newest price data (the @pydantic/genai-prices data file), checks it, and replaces the cached copy
that every tokenwise command uses. A failed, partial, corrupt or invalid download never replaces the last good
data; without a cached copy the price data bundled with tokenwise is used, and its date is shown.

Options:
  --url URL            Where to download from (default ${DEFAULT_PRICES_URL}).
  --cache-dir DIR      Where to keep the data (default $XDG_CACHE_HOME/tokenwise or ~/.cache/tokenwise).
  --timeout SECONDS    Give up when the download has not finished in this time (default 30).

Exit codes: 0 updated, 2 bad arguments or the download was refused (the previous data stays in use), 3 internal error.
`;

export async function run(args: string[], io: CliIO): Promise<number> {
  const options = { url: { type: 'string' }, 'cache-dir': { type: 'string' }, timeout: { type: 'string' } } as const;
  const { values, positionals } = parseOptions(args, options, help);
  if (values.help) {
    io.stdout(help);
    return ExitCode.ok;
  }
  if (positionals.length !== 1 || positionals[0] !== 'update') {
    throw new UsageError(
      `${positionals.length ? `unknown sub-command '${positionals.join(' ')}'` : 'missing sub-command'}; the only one is 'update'.\n\n${help}`,
    );
  }
  const url = values.url ?? DEFAULT_PRICES_URL;
  if (!/^https?:\/\//i.test(url)) throw new UsageError(`--url must be an http(s) URL, not '${url}'.`);
  const timeout = values.timeout === undefined ? 30 : Number(values.timeout);
  if (!(Number.isFinite(timeout) && timeout > 0))
    throw new UsageError(`--timeout must be a number of seconds > 0, not '${values.timeout}'.`);
  const cacheDir = values['cache-dir'] === undefined ? defaultPriceCacheDir() : resolve(io.cwd, values['cache-dir']);

  try {
    const update = await updatePriceCache({ url, cacheDir, timeoutMs: timeout * 1000 });
    io.stdout(
      `Prices updated: ${update.models.toLocaleString('en-US')} models from ${update.providers} providers, as of ${update.asOf}.\nSaved to ${update.file}\n`,
    );
    return ExitCode.ok;
  } catch (error) {
    if (error instanceof PriceUpdateError) {
      io.stderr(`tokenwise prices: ${error.message}\nThe previous price data stays in use.\n`);
      return ExitCode.badInput;
    }
    throw error;
  }
}
