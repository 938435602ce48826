import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitForUpdate } from '@pydantic/genai-prices';
import {
  BUNDLED_PRICES_AS_OF,
  defaultPriceCacheDir,
  loadPriceCache,
  priceUsage,
  pricesAsOf,
  PriceUpdateError,
  resetPriceData,
  updatePriceCache,
} from '../../../core/node';

// A copy of the published data with GPT-5's input price changed, so a test can tell which data is in use.
async function publishedData(gpt5InputMtok: number): Promise<string> {
  const providers = structuredClone(await waitForUpdate())!;
  const gpt5 = providers.find((p) => p.id === 'openai')!.models.find((m) => m.id === 'gpt-5')!;
  gpt5.prices = { input_mtok: gpt5InputMtok, output_mtok: 10 };
  return JSON.stringify(providers);
}

describe('price refresh', () => {
  let server: Server;
  let base: string;
  let cacheDir: string;
  let good: string;
  let newer: string;
  const openSockets = new Set<import('node:net').Socket>();

  before(async () => {
    good = await publishedData(1.5);
    newer = await publishedData(1.75);
    server = createServer((request, response) => {
      switch (request.url) {
        case '/good':
          response.writeHead(200, { 'content-type': 'application/json' }).end(good);
          break;
        case '/newer':
          response.writeHead(200, { 'content-type': 'application/json' }).end(newer);
          break;
        case '/truncated': // declares the full length, sends half, then the connection drops
          response.writeHead(200, {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(good)),
          });
          response.write(good.slice(0, good.length / 2), () => response.socket?.destroy());
          break;
        case '/cut-json': // a complete HTTP answer whose body is a cut-off JSON document
          response.writeHead(200, { 'content-type': 'application/json' }).end(good.slice(0, 5_000));
          break;
        case '/corrupt':
          response.writeHead(200, { 'content-type': 'application/json' }).end('<html>maintenance</html>');
          break;
        case '/invalid':
          response
            .writeHead(200, { 'content-type': 'application/json' })
            .end(JSON.stringify([{ id: 'openai', name: 'OpenAI', models: 'none' }]));
          break;
        case '/slow': // headers at once, then nothing: a stalled transfer
          response.writeHead(200, { 'content-type': 'application/json' });
          response.write('[');
          break;
        default:
          response.writeHead(500).end('internal error');
      }
    });
    server.on('connection', (socket) => {
      openSockets.add(socket);
      socket.on('close', () => openSockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(async () => {
    for (const socket of openSockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    cacheDir = mkdtempSync(join(tmpdir(), 'tokenwise-prices-'));
  });

  afterEach(() => {
    resetPriceData();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const cost = () => priceUsage({ inputTokens: 1_000_000, outputTokens: 0 }, { model: 'gpt-5' }).total;

  it('downloads, validates and caches good data, then uses it', async () => {
    const update = await updatePriceCache({ url: `${base}/good`, cacheDir, now: new Date('2026-11-20T08:00:00Z') });
    assert.equal(update.asOf, '2026-11-20');
    assert.ok(update.models > 100);
    assert.equal(cost(), 1.5e9);
    assert.equal(pricesAsOf(), '2026-11-20');

    resetPriceData();
    assert.equal(cost(), 1.25e9);
    const loaded = await loadPriceCache(cacheDir);
    assert.deepEqual(loaded, { source: 'cache', asOf: '2026-11-20' });
    assert.equal(cost(), 1.5e9);
    assert.deepEqual(readdirSync(cacheDir), ['prices.json'], 'no temporary file left behind');
  });

  for (const [route, reason] of [
    ['/truncated', /download from .* failed/],
    ['/cut-json', /not valid JSON/],
    ['/corrupt', /not valid JSON/],
    ['/invalid', /invalid price data at 0\.(api_pattern|models)/],
    ['/missing', /HTTP 500/],
  ] as const) {
    it(`never replaces the last good data with a bad download: ${route.slice(1)}`, async () => {
      await updatePriceCache({ url: `${base}/good`, cacheDir, now: new Date('2026-11-20T08:00:00Z') });
      const before = readFileSync(join(cacheDir, 'prices.json'), 'utf8');
      await assert.rejects(
        updatePriceCache({ url: `${base}${route}`, cacheDir }),
        (e: unknown) => e instanceof PriceUpdateError && reason.test(e.message),
      );
      assert.equal(readFileSync(join(cacheDir, 'prices.json'), 'utf8'), before);
      assert.deepEqual(readdirSync(cacheDir), ['prices.json']);
      assert.equal(cost(), 1.5e9);
    });
  }

  it('gives up on a stalled download after the timeout and keeps the last good data', async () => {
    await updatePriceCache({ url: `${base}/good`, cacheDir });
    const before = readFileSync(join(cacheDir, 'prices.json'), 'utf8');
    await assert.rejects(updatePriceCache({ url: `${base}/slow`, cacheDir, timeoutMs: 300 }), /within 0.3 s/);
    assert.equal(readFileSync(join(cacheDir, 'prices.json'), 'utf8'), before);
  });

  it('replaces older good data with newer good data', async () => {
    await updatePriceCache({ url: `${base}/good`, cacheDir });
    await updatePriceCache({ url: `${base}/newer`, cacheDir });
    assert.equal(cost(), 1.75e9);
  });

  it('falls back to the bundled snapshot, dated, when offline or the cache is damaged', async () => {
    assert.deepEqual(await loadPriceCache(cacheDir), { source: 'bundled', asOf: BUNDLED_PRICES_AS_OF });
    await assert.rejects(
      updatePriceCache({ url: 'http://127.0.0.1:9/prices.json', cacheDir, timeoutMs: 2_000 }),
      PriceUpdateError,
    );
    assert.equal(existsSync(join(cacheDir, 'prices.json')), false);
    writeFileSync(join(cacheDir, 'prices.json'), '{"format":"tokenwise-prices/1"');
    const damaged = await loadPriceCache(cacheDir);
    assert.equal(damaged.source, 'bundled');
    assert.match(damaged.problem ?? '', /ignored .*prices\.json/);
    assert.equal(pricesAsOf(), BUNDLED_PRICES_AS_OF);
    assert.equal(cost(), 1.25e9);
  });

  it('caches under $XDG_CACHE_HOME, else ~/.cache', () => {
    assert.equal(defaultPriceCacheDir({ XDG_CACHE_HOME: '/x/cache' }), join('/x/cache', 'tokenwise'));
    assert.match(defaultPriceCacheDir({}), /\.cache[\\/]tokenwise$/);
  });
});
