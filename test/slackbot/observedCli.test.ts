// Evidence end to end over real HTTP, on SQLite and PostgreSQL: an app's usage events carry the prompt ids the audit
// prints; the bot stores them, `/tokens spend by prompt` ranks them, GET /v1/usage/prompts answers them, and the CLI's
// `audit` and `diff --volumes-from` price the prompt at the traffic the bot observed.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { observedUsageSchema, parsePolicy } from '../../core';
import { openStore } from '../../slackbot/store';
import { runCliCaptured } from '../support/cli';
import { storeKinds } from './support/stores';
import { post, signed, slashCommandBody } from './support/signing';
import { SECRET, TOKEN, testBot } from './support/testBot';
import { initRepository } from '../support/git';

const NOW = new Date('2026-11-22T12:00:00Z');
const READ_TOKEN = 'read-token-for-the-cli-0123';
const TRIAGE = 'src/triage.ts#triageTicket';
const policy = parsePolicy(JSON.stringify({ timeZone: 'UTC' }), 'tokenwise.config.json');

const call = (name: string, model: string) =>
  `import OpenAI from 'openai';\nconst openai = new OpenAI();\n\nexport async function ${name}(input: string) {\n  return openai.chat.completions.create({\n    model: '${model}',\n    max_tokens: 300,\n    messages: [{ role: 'system', content: 'You handle the ${name} step for support tickets. Answer briefly.' }, { role: 'user', content: \`Input: \${input}\` }],\n  });\n}\n`;

// 10,000 calls on each of the 7 complete days before NOW (15–21 November), as an app reports them in batches.
const EVENTS = Array.from({ length: 7 }, (_, day) => ({
  id: `triage-${day}`,
  time: `2026-11-${15 + day}T10:00:00Z`,
  provider: 'openai',
  model: 'gpt-4o-mini',
  app: 'support',
  prompt: TRIAGE,
  requests: 10_000,
  inputTokens: 10_000 * 120,
  outputTokens: 10_000 * 40,
}));

for (const { name, location } of storeKinds) {
  describe(`Observed volumes from a real bot to the CLI (${name})`, function () {
    this.timeout(120_000);
    const fixture = testBot({
      policy,
      now: () => NOW,
      store: async (dir) => openStore(await location(dir)),
      env: () => ({ READ_TOKEN }),
    });
    let repo: string;
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const write = (path: string, content: string) => {
      mkdirSync(join(repo, path, '..'), { recursive: true });
      writeFileSync(join(repo, path), content);
    };
    const cli = (args: string[]) =>
      runCliCaptured(args, { cwd: repo, columns: 200, env: { TOKENWISE_READ_TOKEN: READ_TOKEN } });

    before(() => {
      repo = mkdtempSync(join(tmpdir(), 'tokenwise-evidence-'));
      initRepository(repo);
      write('src/triage.ts', call('triageTicket', 'gpt-4o-mini'));
      write('src/summarize.ts', call('summarizeThread', 'gpt-4o-mini'));
      git('add', '-A');
      git('commit', '-q', '-m', 'base');
    });
    after(() => rmSync(repo, { recursive: true, force: true }));

    it('ingests events with the audit’s prompt id and ranks it in /tokens spend by prompt and the read API', async () => {
      const ingest = await fetch(`${fixture.base}/v1/usage`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(EVENTS),
      });
      assert.equal(ingest.status, 200);

      const audit = JSON.parse((await cli(['audit', '.', '--format', 'json'])).stdout);
      const ids = audit.files.flatMap((file: { prompts: Array<{ promptId: string }> }) =>
        file.prompts.map((prompt) => prompt.promptId),
      );
      assert.ok(ids.includes(TRIAGE), `the audit names the prompt the app sends: ${ids.join(', ')}`);

      const read = await fetch(`${fixture.base}/v1/usage/prompts?app=support`, {
        headers: { authorization: `Bearer ${READ_TOKEN}` },
      });
      assert.equal(read.status, 200);
      const answer = observedUsageSchema.parse(await read.json());
      assert.deepEqual(
        answer.prompts.map(({ prompt, calls, callsPerDay }) => ({ prompt, calls, callsPerDay })),
        [{ prompt: TRIAGE, calls: 70_000, callsPerDay: 10_000 }],
      );

      const command = await post(
        `${fixture.base}/slack/events`,
        signed(
          SECRET,
          slashCommandBody({ text: 'spend by prompt', user_id: 'U100', response_url: fixture.slack.responseUrl('p') }),
          'application/x-www-form-urlencoded',
        ),
      );
      assert.equal(command.status, 200);
      const path = new URL(fixture.slack.responseUrl('p')).pathname;
      await fixture.slack.waitFor(() => fixture.slack.responses.some((response) => response.path === path));
      const blocks = JSON.stringify(fixture.slack.responses.find((response) => response.path === path)!.body);
      assert.match(blocks, /src\/triage\.ts#triageTicket/);
    });

    it('audit --volumes-from prices the prompt at the observed 10,000 calls a day, the other at its default', async () => {
      const { code, stdout, stderr } = await cli([
        'audit',
        '.',
        '--format',
        'json',
        '--volumes-from',
        fixture.base,
        '--app',
        'support',
      ]);
      assert.equal(code, 0, stderr);
      const json = JSON.parse(stdout);
      const prompts = json.files.flatMap((file: { prompts: unknown[] }) => file.prompts);
      const triage = prompts.find((prompt: { promptId: string }) => prompt.promptId === TRIAGE);
      assert.equal(triage.volumeSource, 'observed');
      assert.equal(triage.callsPerDay, 10_000);
      assert.equal(triage.cost.perMonth, triage.cost.perCall * 10_000 * 30);
      assert.deepEqual(
        { from: json.observedVolumes.from, to: json.observedVolumes.to, days: json.observedVolumes.days },
        { from: '2026-11-15', to: '2026-11-21', days: 7 },
      );
      const summarize = prompts.find(
        (prompt: { promptId: string }) => prompt.promptId === 'src/summarize.ts#summarizeThread',
      );
      assert.notEqual(summarize.volumeSource, 'observed');
    });

    it('diff --volumes-from prices both sides of a change at the observed traffic', async () => {
      git('checkout', '-q', '-b', `feature-${name}`);
      write('src/triage.ts', call('triageTicket', 'gpt-4o'));
      git('commit', '-qam', 'a bigger model');
      const { code, stdout, stderr } = await cli([
        'diff',
        '--base',
        'main',
        '--head',
        `feature-${name}`,
        '--format',
        'json',
        '--volumes-from',
        fixture.base,
      ]);
      assert.equal(code, 0, stderr);
      const json = JSON.parse(stdout);
      const triage = json.prompts.find((prompt: { id?: string; promptId?: string }) =>
        JSON.stringify(prompt).includes(TRIAGE),
      );
      assert.equal(triage.base.volumeSource, 'observed');
      assert.equal(triage.head.volumeSource, 'observed');
      assert.equal(triage.head.perMonth, triage.head.perCall * 10_000 * 30);
      assert.ok(triage.head.perMonth > triage.base.perMonth);
    });
  });
}
