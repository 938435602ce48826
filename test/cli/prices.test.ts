import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REMOTE_DATA_JSON_URL, waitForUpdate } from '@pydantic/genai-prices';
import { resetPriceData } from '../../core/node';
import { runCliCaptured } from '../support/cli';

describe('tokenwise prices', function () {
  // Each update downloads, validates and writes the whole price file: seconds, not milliseconds, on a busy machine.
  this.timeout(30_000);
  let dir: string;
  let server: Server;
  let base: string;
  const cli = (args: string[]) => runCliCaptured(['prices', ...args], { cwd: dir });

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-prices-cli-'));
    const data = JSON.stringify(await waitForUpdate());
    server = createServer((request, response) => {
      if (request.url === '/data.json') response.writeHead(200, { 'content-type': 'application/json' }).end(data);
      else response.writeHead(200, { 'content-type': 'application/json' }).end(data.slice(0, 1000));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    resetPriceData();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('updates the cache from a URL into a cache folder', async () => {
    const run = await cli(['update', '--url', `${base}/data.json`, '--cache-dir', 'cache']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Prices updated: [\d,]+ models from \d+ providers, as of \d{4}-\d{2}-\d{2}\./);
    const cached = JSON.parse(readFileSync(join(dir, 'cache', 'prices.json'), 'utf8'));
    assert.equal(cached.url, `${base}/data.json`);
  });

  it('reports a truncated download and keeps the previous data (exit 2)', async () => {
    const before = readFileSync(join(dir, 'cache', 'prices.json'), 'utf8');
    const run = await cli(['update', '--url', `${base}/truncated.json`, '--cache-dir', 'cache']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /not valid JSON.*\nThe previous price data stays in use\./);
    assert.equal(readFileSync(join(dir, 'cache', 'prices.json'), 'utf8'), before);
  });

  it("downloads from genai-prices' own published data URL unless told otherwise", async () => {
    const help = await cli(['--help']);
    assert.equal(help.code, 0);
    assert.ok(
      help.stdout.includes(`--url URL            Where to download from (default ${REMOTE_DATA_JSON_URL})`),
      help.stdout,
    );
  });

  it('rejects bad arguments with exit code 2', async () => {
    const cases: [string[], RegExp][] = [
      [[], /missing sub-command; the only one is 'update'/],
      [['refresh'], /unknown sub-command 'refresh'/],
      [['update', '--url', 'ftp://example.org/data.json'], /--url must be an http\(s\) URL/],
      [['update', '--timeout', '0'], /--timeout must be a number of seconds > 0/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
    assert.equal(existsSync(join(dir, 'cache', 'prices.json.tmp')), false);
    writeFileSync(join(dir, 'not-a-folder'), '');
    const blocked = await cli(['update', '--url', `${base}/data.json`, '--cache-dir', 'not-a-folder']);
    assert.equal(blocked.code, 2, blocked.stderr);
    assert.match(
      blocked.stderr,
      /cannot write .*not-a-folder[\\/]prices\.json: .*\nThe previous price data stays in use\./,
    );
  });
});
