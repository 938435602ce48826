import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../cli/main';
import { decodeText, maxInputBytes, readLimited, type CliIO } from '../../cli/io';
import { getEncoding } from '../../core';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

describe('tokenwise count', () => {
  let dir: string;
  const file = (name: string, content: string | Uint8Array) => {
    writeFileSync(join(dir, name), content);
    return name;
  };
  const cli = async (args: string[], stdin: string | Uint8Array = ''): Promise<Run> => {
    let stdout = '';
    let stderr = '';
    // Standard input as the process reads it: bytes, limited, strictly decoded.
    const readStdin = async (maxBytes = Infinity) =>
      decodeText('standard input', await readLimited(Readable.from([Buffer.from(stdin)]), maxBytes, 'standard input'));
    const io: CliIO = {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      readStdin,
      isTTY: false,
      cwd: dir,
    };
    const code = await runCli(['count', ...args], io);
    return { code, stdout, stderr };
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tokenwise-count-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('counts a text file exactly for an OpenAI model', async () => {
    const text = 'Refund the order if it arrived damaged.\n';
    const run = await cli([file('prompt.txt', text), '--model', 'gpt-4o']);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${getEncoding('o200k_base').count(text)} tokens (gpt-4o, o200k_base, exact)\n`);
  });

  it('prints JSON with tokens, exact, band, encoding and model', async () => {
    const run = await cli([
      file('claude.txt', 'Summarise this ticket in one line.'),
      '--model',
      'claude-sonnet-4-5',
      '--format',
      'json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.exact, false);
    assert.equal(json.encoding, 'o200k_base');
    assert.equal(json.model, 'claude-sonnet-4-5');
    assert.ok(json.low <= json.tokens && json.tokens <= json.high);
    assert.match(json.note, /not public/);
  });

  it('reads standard input with -', async () => {
    const run = await cli(['-', '--model', 'gpt-4', '--format', 'json'], 'hello world');
    assert.equal(JSON.parse(run.stdout).tokens, 2);
  });

  it('counts a whole OpenAI request, taking the model from it', async () => {
    const request = {
      model: 'gpt-4o',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Where is my parcel?' },
      ],
    };
    const run = await cli(['--request', file('request.json', JSON.stringify(request)), '--format', 'json']);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(run.stdout);
    assert.equal(json.exact, true);
    assert.equal(json.tokens, json.parts.system.tokens + json.parts.messages.tokens + json.parts.overhead.tokens);
    const text = await cli(['--request', 'request.json']);
    assert.match(text.stdout, /^\d+ tokens \(gpt-4o, o200k_base, exact\), openai request\n {2}system/);
  });

  it('counts an Anthropic request as an estimate', async () => {
    const request = {
      model: 'claude-haiku-4-5',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Hi' }],
    };
    const run = await cli(['--request', file('anthropic.json', JSON.stringify(request))]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(
      run.stdout,
      /^≈ \d+ tokens, \d+–\d+ \(claude-haiku-4-5, estimate from o200k_base\), anthropic request/,
    );
  });

  describe('--exact', () => {
    const variables = [
      'ANTHROPIC_API_KEY',
      'GEMINI_API_KEY',
      'GOOGLE_API_KEY',
      'ANTHROPIC_BASE_URL',
      'GEMINI_BASE_URL',
    ];
    const saved = Object.fromEntries(variables.map((name) => [name, process.env[name]]));
    const bodies: unknown[] = [];
    const server = createServer((req, res) => {
      let data = '';
      req.on('data', (chunk) => (data += chunk));
      req.on('end', () => {
        bodies.push(JSON.parse(data));
        res.setHeader('content-type', 'application/json');
        if (req.url === '/v1/messages/count_tokens' && req.headers['x-api-key'] === 'sk-ant-test')
          res.end('{"input_tokens": 77}');
        else {
          res.statusCode = 500;
          res.end('{"error": {"message": "overloaded"}}');
        }
      });
    });
    before(async () => {
      for (const name of variables) delete process.env[name];
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      process.env.ANTHROPIC_BASE_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      process.env.GEMINI_BASE_URL = process.env.ANTHROPIC_BASE_URL;
    });
    after(async () => {
      for (const name of variables) {
        if (saved[name] === undefined) delete process.env[name];
        else process.env[name] = saved[name];
      }
      await new Promise((resolve) => server.close(resolve));
    });

    it("prints Anthropic's count_tokens answer as exact", async () => {
      process.env.ANTHROPIC_API_KEY = 'sk-ant-test';
      const run = await cli([
        file('exact.txt', 'Hello, Claude'),
        '--model',
        'claude-sonnet-4-5',
        '--exact',
        '--format',
        'json',
      ]);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).tokens, 77);
      assert.equal(JSON.parse(run.stdout).exact, true);
      assert.deepEqual(bodies.at(-1), {
        model: 'claude-sonnet-4-5',
        messages: [{ role: 'user', content: 'Hello, Claude' }],
      });
      const request = {
        model: 'claude-sonnet-4-5',
        max_tokens: 10,
        system: 'Be brief.',
        messages: [{ role: 'user', content: 'Hi' }],
      };
      const whole = await cli(['--request', file('exact.json', JSON.stringify(request)), '--exact']);
      assert.match(
        whole.stdout,
        /^77 tokens \(claude-sonnet-4-5, o200k_base, exact\)\nExact count from Anthropic's count_tokens\./,
      );
    });

    it('falls back to the estimate with the reason', async () => {
      process.env.GEMINI_API_KEY = 'gm-test';
      const failed = await cli(['exact.txt', '--model', 'gemini-2.5-flash', '--exact']);
      assert.equal(failed.code, 0);
      assert.match(failed.stdout, /^≈ .*\nExact count unavailable \(Gemini's countTokens: HTTP 500 overloaded\)/);
      delete process.env.ANTHROPIC_API_KEY;
      const noKey = await cli(['exact.txt', '--model', 'claude-sonnet-4-5', '--exact']);
      assert.match(noKey.stdout, /--exact: ANTHROPIC_API_KEY is not set; showing the estimate/);
    });

    it('refuses a base URL the key may not go to, naming the variable, and sends nothing', async () => {
      process.env.ANTHROPIC_API_KEY = 'sk-ant-test';
      const before = bodies.length;
      const previous = process.env.ANTHROPIC_BASE_URL;
      process.env.ANTHROPIC_BASE_URL = 'http://collector.example.com';
      try {
        const run = await cli(['exact.txt', '--model', 'claude-sonnet-4-5', '--exact']);
        assert.equal(run.code, 2);
        assert.match(run.stderr, /ANTHROPIC_BASE_URL: expected https \(http only for a proxy on this machine/);
        assert.equal(run.stdout, '');
        assert.equal(bodies.length, before);
      } finally {
        process.env.ANTHROPIC_BASE_URL = previous;
        delete process.env.ANTHROPIC_API_KEY;
      }
    });
  });

  describe('bad input: a specific message and exit code 2', () => {
    const rejects = async (args: string[], message: RegExp, stdin?: string | Uint8Array) => {
      const run = await cli(args, stdin);
      assert.equal(run.code, 2, `exit code for ${args.join(' ')}: ${run.stderr}`);
      assert.match(run.stderr, message);
      assert.equal(run.stdout, '');
    };

    it('an unknown model, with suggestions', () =>
      rejects([file('a.txt', 'hi'), '--model', 'gpt-4oo'], /Unknown model 'gpt-4oo'.*Did you mean 'gpt-4o'/));
    it('an unknown model is estimated only with --fallback estimate', async () => {
      const run = await cli(['a.txt', '--model', 'llama-3', '--fallback', 'estimate']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /^≈ .*\nUnknown model 'llama-3'/);
    });
    it('a custom model of the policy file is estimated; an invalid policy file is reported', async () => {
      writeFileSync(
        join(dir, 'tokenwise.config.json'),
        JSON.stringify({
          customModels: { 'Acme-70B': { provider: 'self-hosted', inputPerMTok: 1, outputPerMTok: 2 } },
        }),
      );
      try {
        const run = await cli(['a.txt', '--model', 'acme-70b', '--format', 'json']);
        assert.equal(run.code, 0, run.stderr);
        assert.equal(JSON.parse(run.stdout).exact, false);
        assert.match(JSON.parse(run.stdout).note, /Unknown model 'acme-70b': estimated with o200k_base/);
        const request = await cli([
          '--request',
          file('custom.json', JSON.stringify({ model: 'acme-70b', messages: [{ role: 'user', content: 'hi' }] })),
        ]);
        assert.equal(request.code, 0, request.stderr);
        assert.match(request.stdout, /^≈ \d+ tokens?, \d+–\d+ \(acme-70b/);
        assert.match(request.stdout, /No per-message framing is known for acme-70b: none is counted/);
        writeFileSync(
          join(dir, 'tokenwise.config.json'),
          '{\n  "customModels": { "acme-70b": { "inputPerMTok": -1, "outputPerMTok": 2 } }\n}',
        );
        await rejects(
          ['a.txt', '--model', 'acme-70b'],
          /tokenwise\.config\.json:2: customModels\.acme-70b\.inputPerMTok: expected a number ≥ 0/,
        );
      } finally {
        rmSync(join(dir, 'tokenwise.config.json'));
      }
      await rejects(['a.txt', '--model', 'acme-70b'], /Unknown model 'acme-70b'/);
    });
    it('a missing --model', () => rejects(['a.txt'], /--model is required/));
    it('a missing file', () => rejects(['nope.txt', '--model', 'gpt-4o'], /cannot read nope\.txt: no such file/));
    it('empty input', () => rejects([file('empty.txt', ''), '--model', 'gpt-4o'], /empty\.txt is empty/));
    it('empty standard input', () => rejects(['-', '--model', 'gpt-4o'], /standard input is empty/, ''));
    it('binary data', () =>
      rejects(
        [file('image.bin', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13])), '--model', 'gpt-4o'],
        /image\.bin looks binary \(NUL byte at offset 4\)/,
      ));
    it('binary standard input', () =>
      rejects(['-', '--model', 'gpt-4o'], /standard input looks binary \(NUL byte at offset 1\)/, 'a\0b'));
    it('standard input that is not UTF-8', () =>
      rejects(
        ['-', '--model', 'gpt-4o'],
        /standard input is not valid UTF-8 \(first bad byte at offset 3\)/,
        new Uint8Array([0x63, 0x61, 0x66, 0xe9]),
      ));
    it('standard input over the limit', () =>
      rejects(
        ['-', '--model', 'gpt-4o'],
        /standard input is larger than the 32 MiB limit/,
        new Uint8Array(maxInputBytes + 1).fill(0x61),
      ));
    it('invalid UTF-8', () =>
      rejects(
        [file('latin1.txt', new Uint8Array([0x63, 0x61, 0x66, 0xe9, 0x20])), '--model', 'gpt-4o'],
        /latin1\.txt is not valid UTF-8 \(first bad byte at offset 3\)/,
      ));
    it('an encoded lone surrogate', () =>
      rejects(
        [file('surrogate.txt', new Uint8Array([0x61, 0xed, 0xa0, 0x80])), '--model', 'gpt-4o'],
        /lone surrogate .* at byte 1/,
      ));
    it('a lone surrogate escaped in request JSON', () =>
      rejects(
        ['--request', file('lone.json', '{"model":"gpt-4o","messages":[{"role":"user","content":"a\\ud800b"}]}')],
        /messages\[0\]\.content contains a lone surrogate \(\\ud800\)/,
      ));
    it('a 100 MB file, refused without reading it', () => {
      truncateSync(join(dir, file('huge.txt', '')), 100 * 1024 * 1024);
      return rejects(['huge.txt', '--model', 'gpt-4o'], /huge\.txt is 100\.0 MiB, over the 32 MiB limit/);
    });
    it('request JSON that does not parse, with its line and column', () =>
      rejects(
        ['--request', file('broken.json', '{\n  "model": "gpt-4o",\n  "messages": [,]\n}')],
        /broken\.json is not valid JSON at line 3, column 16/,
      ));
    it('a malformed request field, named by its JSON path', () =>
      rejects(
        [
          '--request',
          file(
            'bad.json',
            JSON.stringify({ model: 'gpt-4o', messages: [{ role: 'user', content: [{ type: 'text', txt: 'hi' }] }] }),
          ),
        ],
        /messages\[0\]\.content\[0\]\.text: Invalid input/,
      ));
    it('a bad --format', () =>
      rejects(['a.txt', '--model', 'gpt-4o', '--format', 'xml'], /--format must be one of text, json/));
    it('two inputs at once', () => rejects(['a.txt', '--request', 'request.json'], /give one input/));
  });

  describe('as a process (dist/cli.js)', function () {
    this.timeout(60_000);
    before(() => {
      if (!existsSync('dist/cli.js'))
        assert.equal(spawnSync('node', ['scripts/build.mjs'], { stdio: 'inherit' }).status, 0);
    });

    it('counts the bundled example and exits 0', () => {
      const run = spawnSync(
        'node',
        ['dist/cli.js', 'count', 'examples/support-reply.prompt', '--model', 'gpt-4o', '--format', 'json'],
        { encoding: 'utf8' },
      );
      assert.equal(run.status, 0, run.stderr);
      assert.equal(JSON.parse(run.stdout).exact, true);
    });

    it('stops reading an endless standard input at the limit and exits 2', async () => {
      const child = spawn('node', ['dist/cli.js', 'count', '-', '--model', 'gpt-4o'], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
      const chunk = Buffer.alloc(1024 * 1024, 'a');
      let written = 0;
      let open = true;
      child.stdin.on('error', () => (open = false)); // EPIPE once the CLI stops reading
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const drainedOrExited = () =>
        new Promise<void>((resolve) => {
          const done = () => {
            child.stdin.off('drain', done);
            child.off('exit', done);
            resolve();
          };
          child.stdin.once('drain', done);
          child.once('exit', done);
        });
      // Writes until the CLI hangs up: a CLI that read everything would never exit and the test would time out.
      const feed = async () => {
        while (open && child.exitCode === null) {
          written += chunk.length;
          if (!child.stdin.write(chunk)) await drainedOrExited();
        }
      };
      const [code] = await Promise.all([exited, feed()]);
      assert.equal(code, 2);
      assert.match(
        stderr,
        /standard input is larger than the 32 MiB limit for one input; stopped reading after 32\.\d MiB/,
      );
      assert.ok(written < maxInputBytes + 8 * 1024 * 1024, `wrote ${written} bytes`);
    });

    it('reads a device without a size only up to the limit', () => {
      const run = spawnSync('node', ['dist/cli.js', 'count', '/dev/zero', '--model', 'gpt-4o'], { encoding: 'utf8' });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /\/dev\/zero is larger than the 32 MiB limit/);
    });

    it('exits 2 with a message for an unknown model', () => {
      const run = spawnSync('node', ['dist/cli.js', 'count', '-', '--model', 'no-such-model'], {
        encoding: 'utf8',
        input: 'hello',
      });
      assert.equal(run.status, 2);
      assert.match(run.stderr, /Unknown model 'no-such-model'/);
    });
  });
});
