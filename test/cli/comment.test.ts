// The CI faces of `tokenwise diff`, run as CI would: the composite Action's steps as action.yml writes them and the
// GitLab job's script as docs/diff.md writes it, in a shallow clone of a temporary repository, against a local double
// of each comment API on 127.0.0.1.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { initRepository } from '../support/git';

const repository = resolve(__dirname, '../..');
const marker = '<!-- tokenwise-diff -->';

interface Comment {
  id: number;
  body: string;
}

/** Runs a bash script without blocking this process, whose event loop serves the API double meanwhile. */
function bash(script: string, cwd: string, env: Record<string, string>): Promise<{ status: number; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-e', '-c', script], { cwd, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => done({ status: code ?? -1, stderr }));
  });
}

interface Recorded {
  method: string;
  url: string;
  auth: string | undefined;
}

/** Comments of one pull request, as GitHub's (or GitLab's) REST API serves them, paginated by 100. */
class CommentApi {
  comments: Comment[] = [];
  requests: Recorded[] = [];
  private server?: Server;
  private nextId = 1;

  constructor(
    private readonly routes: {
      list: RegExp;
      create: RegExp;
      update: RegExp;
      updateMethod: string;
      auth: (headers: Record<string, unknown>) => string | undefined;
    },
  ) {}

  async start(): Promise<string> {
    this.server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const url = request.url ?? '';
        this.requests.push({ method: request.method ?? '', url, auth: this.routes.auth(request.headers) });
        const send = (status: number, data: unknown) => {
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(JSON.stringify(data));
        };
        const path = url.split('?')[0]!;
        if (request.method === 'GET' && this.routes.list.test(path)) {
          const page = Number(new URL(url, 'http://x').searchParams.get('page') ?? '1');
          return send(200, this.comments.slice((page - 1) * 100, page * 100));
        }
        if (request.method === 'POST' && this.routes.create.test(path)) {
          const comment = { id: this.nextId++, body: JSON.parse(body).body };
          this.comments.push(comment);
          return send(201, comment);
        }
        const update = this.routes.update.exec(path);
        if (request.method === this.routes.updateMethod && update) {
          const comment = this.comments.find((c) => c.id === Number(update[1]));
          if (!comment) return send(404, { message: 'Not Found' });
          comment.body = JSON.parse(body).body;
          return send(200, comment);
        }
        send(404, { message: 'Not Found' });
      });
    });
    await new Promise<void>((done) => this.server!.listen(0, '127.0.0.1', done));
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((done) => this.server?.close(() => done()) ?? done());
  }

  ours(): Comment[] {
    return this.comments.filter((comment) => comment.body.includes(marker));
  }
}

const call = (name: string, model = 'gpt-4o-mini', cap = 'max_tokens: 300,') =>
  `import OpenAI from 'openai';\nconst openai = new OpenAI();\n\nexport async function ${name}(input: string) {\n  return openai.chat.completions.create({\n    model: '${model}',\n    ${cap}\n    messages: [{ role: 'system', content: 'You handle the ${name} step for support tickets. Answer briefly.' }, { role: 'user', content: \`Input: \${input}\` }],\n  });\n}\n`;

/** `${{ … }}` expressions of a composite action, for the few contexts it uses. */
function expand(text: string, contexts: { inputs: Record<string, string>; actionPath: string; token: string }): string {
  return text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expression: string) => {
    if (expression === 'github.action_path') return contexts.actionPath;
    if (expression === 'github.token') return contexts.token;
    const input = /^inputs\.([\w-]+)$/.exec(expression);
    if (input) return contexts.inputs[input[1]!] ?? '';
    throw new Error(`the test does not know the expression ${expression}`);
  });
}

describe('CI: the GitHub Action and the GitLab job', function () {
  // Each run builds tokenwise (as the Action does) and runs git: minutes on a loaded machine, not seconds.
  this.timeout(600_000);
  let origin: string;
  let workspace: string;
  let scratch: string;
  const git = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] })
      .toString('utf8')
      .trim();
  const write = (path: string, content: string) => {
    mkdirSync(join(origin, path, '..'), { recursive: true });
    writeFileSync(join(origin, path), content);
  };
  const commit = (message: string) => {
    git(origin, 'add', '-A');
    git(origin, 'commit', '-q', '-m', message);
  };
  /** A fresh shallow checkout of the pull request's branch, as actions/checkout makes it. */
  const checkout = () => {
    rmSync(workspace, { recursive: true, force: true });
    execFileSync('git', ['clone', '-q', '--depth', '1', '--branch', 'feature', `file://${origin}`, workspace], {
      stdio: 'ignore',
    });
  };

  beforeEach(() => {
    scratch = mkdtempSync(join(tmpdir(), 'tokenwise-ci-'));
    origin = join(scratch, 'origin');
    workspace = join(scratch, 'workspace');
    mkdirSync(origin);
    initRepository(origin);
    write('src/triage.ts', call('triageTicket'));
    write('src/summarize.ts', call('summarizeThread'));
    commit('base');
    git(origin, 'checkout', '-q', '-b', 'feature');
  });
  afterEach(() => rmSync(scratch, { recursive: true, force: true }));

  describe('action.yml', () => {
    const api = new CommentApi({
      list: /^\/repos\/acme\/app\/issues\/7\/comments$/,
      create: /^\/repos\/acme\/app\/issues\/7\/comments$/,
      update: /^\/repos\/acme\/app\/issues\/comments\/(\d+)$/,
      updateMethod: 'PATCH',
      auth: (headers) => headers.authorization as string | undefined,
    });
    let apiUrl: string;
    before(async () => (apiUrl = await api.start()));
    after(() => api.stop());
    beforeEach(() => {
      api.comments = [{ id: 1000, body: 'LGTM' }];
      api.requests = [];
    });

    /** Runs the action's steps in order, as the runner would; returns the last step's exit code. */
    const runAction = async (inputs: Record<string, string> = {}) => {
      const action = parse(readFileSync(join(repository, 'action.yml'), 'utf8'));
      const values = Object.fromEntries(
        Object.entries(action.inputs as Record<string, { default?: string }>).map(([name, input]) => [
          name,
          inputs[name] ?? input.default ?? '',
        ]),
      );
      const contexts = { inputs: values, actionPath: repository, token: 'ghs_test_token' };
      // Defaults may be expressions themselves (`${{ github.token }}`).
      for (const name of Object.keys(values)) values[name] = expand(values[name]!, contexts);
      const event = join(scratch, 'event.json');
      writeFileSync(
        event,
        JSON.stringify({
          pull_request: {
            number: 7,
            base: { sha: git(origin, 'rev-parse', 'main') },
            head: { sha: git(origin, 'rev-parse', 'feature') },
          },
        }),
      );
      const summary = join(scratch, 'summary.md');
      const output = join(scratch, 'output.txt');
      writeFileSync(summary, '');
      writeFileSync(output, '');
      let last = { status: 0, stderr: '' };
      for (const step of action.runs.steps as {
        run: string;
        env?: Record<string, string>;
        'working-directory'?: string;
      }[]) {
        const env: Record<string, string> = {
          ...(process.env as Record<string, string>),
          GITHUB_ACTIONS: 'true',
          GITHUB_API_URL: apiUrl,
          GITHUB_REPOSITORY: 'acme/app',
          GITHUB_EVENT_PATH: event,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_OUTPUT: output,
        };
        for (const [name, value] of Object.entries(step.env ?? {})) env[name] = expand(String(value), contexts);
        const cwd = step['working-directory'] ? expand(step['working-directory'], contexts) : workspace;
        last = await bash(expand(step.run, contexts), cwd, env);
        if (last.status !== 0) break;
      }
      return { ...last, summary: readFileSync(summary, 'utf8'), output: readFileSync(output, 'utf8') };
    };

    it('creates one sticky comment, updates it on the next push, and fails on the gate', async () => {
      write('src/triage.ts', call('triageTicket', 'gpt-4o', ''));
      commit('bigger model');
      checkout();
      const first = await runAction();
      assert.equal(first.status, 0, first.stderr);
      assert.equal(api.ours().length, 1);
      assert.match(api.ours()[0]!.body, /^<!-- tokenwise-diff -->\n### tokenwise: \+\$/);
      assert.match(api.ours()[0]!.body, /src\/triage\.ts#triageTicket/);
      assert.deepEqual([...new Set(api.requests.map((request) => request.auth))], ['Bearer ghs_test_token']);
      assert.match(first.summary, /### tokenwise/);
      assert.match(first.output, /exit-code=0/);

      write('src/summarize.ts', call('summarizeThread', 'gpt-4o'));
      commit('another');
      checkout();
      const second = await runAction({ 'fail-on-increase': '$1' });
      assert.equal(second.status, 4, second.stderr);
      assert.match(second.stderr, /rises by more than \$1/);
      assert.equal(api.ours().length, 1, 'the same comment is updated');
      assert.match(api.ours()[0]!.body, /src\/summarize\.ts#summarizeThread/);
      assert.deepEqual(
        api.comments.map((c) => c.body.includes(marker)),
        [false, true],
      );
      assert.ok(api.requests.some((request) => request.method === 'PATCH'));
    });

    it('posts nothing when no prompt changed, and clears its comment when prompts stop changing', async () => {
      write('README.md', '# app\n');
      commit('docs');
      checkout();
      const quiet = await runAction();
      assert.equal(quiet.status, 0, quiet.stderr);
      assert.deepEqual(
        api.comments.map((c) => c.id),
        [1000],
      );
      assert.ok(api.requests.every((request) => request.method === 'GET'));

      api.comments.push({ id: 1001, body: `${marker}\n### tokenwise: +$5/month` });
      const cleared = await runAction();
      assert.equal(cleared.status, 0, cleared.stderr);
      assert.match(api.comments[1]!.body, /no prompt changes/);
    });

    it('finds its comment past the first page of comments', async () => {
      api.comments = Array.from({ length: 150 }, (_, i) => ({
        id: i + 1,
        body: i === 120 ? `${marker}\nold report` : `comment ${i}`,
      }));
      write('src/triage.ts', call('triageTicket', 'gpt-4o'));
      commit('model');
      checkout();
      const run = await runAction();
      assert.equal(run.status, 0, run.stderr);
      assert.equal(api.comments.length, 150);
      assert.match(api.comments[120]!.body, /### tokenwise/);
    });
  });

  describe('the GitLab job of docs/diff.md', () => {
    const api = new CommentApi({
      list: /^\/api\/v4\/projects\/42\/merge_requests\/9\/notes$/,
      create: /^\/api\/v4\/projects\/42\/merge_requests\/9\/notes$/,
      update: /^\/api\/v4\/projects\/42\/merge_requests\/9\/notes\/(\d+)$/,
      updateMethod: 'PUT',
      auth: (headers) => headers['private-token'] as string | undefined,
    });
    let apiUrl: string;
    before(async () => (apiUrl = await api.start()));
    after(() => api.stop());

    it('runs its script lines and keeps one merge-request note', async () => {
      const doc = readFileSync(join(repository, 'docs/diff.md'), 'utf8');
      const block = /## GitLab CI[\s\S]*?```yaml\n([\s\S]*?)```/.exec(doc)![1]!;
      const job = parse(block)['tokenwise-diff'] as { variables: Record<string, string>; script: string[] };
      write('src/triage.ts', call('triageTicket', 'gpt-4o', ''));
      commit('model');
      checkout();
      const env: Record<string, string> = {
        ...(process.env as Record<string, string>),
        ...job.variables,
        TOKENWISE_DIR: repository,
        TOKENWISE_FAIL_ON: 'new-findings:warning',
        CI_PROJECT_DIR: workspace,
        CI_API_V4_URL: `${apiUrl}/api/v4`,
        CI_PROJECT_ID: '42',
        CI_MERGE_REQUEST_IID: '9',
        CI_MERGE_REQUEST_DIFF_BASE_SHA: git(origin, 'rev-parse', 'main'),
        GITLAB_TOKEN: 'glpat-test',
      };
      delete env.GITHUB_ACTIONS;
      delete env.GITHUB_EVENT_PATH;
      const run = await bash(job.script.join('\n'), workspace, env);
      // The job fails on both gates (a bigger model; a new no-output-cap finding), after posting the note.
      assert.equal(run.status, 6, run.stderr);
      assert.equal(api.ours().length, 1);
      assert.match(api.ours()[0]!.body, /src\/triage\.ts#triageTicket/);
      assert.ok(api.requests.every((request) => request.auth === 'glpat-test'));
    });
  });
});
