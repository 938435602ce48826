// Runs `tokenwise diff` on a pull request (GitHub Actions) or merge request (GitLab CI) and keeps one sticky comment
// with its markdown report: created on the first change to the prompts, updated in place afterwards (found by its
// marker), never created when no prompt changed. Exits with the diff's own code, so the job fails on its gates.
// Plain Node 20 (fetch, child_process): it runs before anything is installed in the repository under review.
//
// Settings (environment): TOKENWISE_CLI (path of dist/cli.js), TOKENWISE_BASE (else the pull request's base),
// TOKENWISE_PATHS (space separated), TOKENWISE_FAIL_ON_INCREASE, TOKENWISE_FAIL_ON, TOKENWISE_CALLS_PER_DAY,
// TOKENWISE_COMMENT (false: report only). GitHub: GITHUB_TOKEN, GITHUB_API_URL, GITHUB_REPOSITORY,
// GITHUB_EVENT_PATH. GitLab: GITLAB_TOKEN (a token with the api scope), CI_API_V4_URL, CI_PROJECT_ID,
// CI_MERGE_REQUEST_IID, CI_MERGE_REQUEST_DIFF_BASE_SHA.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const marker = '<!-- tokenwise-diff -->';

const env = process.env;
const log = (text) => process.stderr.write(`${text}\n`);

function git(args) {
  return spawnSync('git', args, { encoding: 'utf8' });
}

/** Where to post, and the base to compare with, from the CI's environment. */
function platform() {
  if (env.GITHUB_ACTIONS === 'true' || env.GITHUB_EVENT_PATH) {
    const event = env.GITHUB_EVENT_PATH ? JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
    const pull = event.pull_request;
    const api = (env.GITHUB_API_URL || 'https://api.github.com').replace(/\/$/, '');
    const comments = pull && `${api}/repos/${env.GITHUB_REPOSITORY}/issues/${pull.number}/comments`;
    return {
      name: 'GitHub',
      base: pull?.base?.sha,
      token: env.GITHUB_TOKEN,
      headers: {
        authorization: `Bearer ${env.GITHUB_TOKEN}`,
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
      },
      list: comments && ((page) => `${comments}?per_page=100&page=${page}`),
      create: comments && { method: 'POST', url: () => comments },
      update: pull && { method: 'PATCH', url: (id) => `${api}/repos/${env.GITHUB_REPOSITORY}/issues/comments/${id}` },
    };
  }
  if (env.CI_API_V4_URL) {
    const notes =
      env.CI_MERGE_REQUEST_IID &&
      `${env.CI_API_V4_URL.replace(/\/$/, '')}/projects/${encodeURIComponent(env.CI_PROJECT_ID)}/merge_requests/${env.CI_MERGE_REQUEST_IID}/notes`;
    return {
      name: 'GitLab',
      base: env.CI_MERGE_REQUEST_DIFF_BASE_SHA,
      token: env.GITLAB_TOKEN,
      headers: { 'private-token': env.GITLAB_TOKEN ?? '' },
      list: notes && ((page) => `${notes}?per_page=100&page=${page}&sort=asc`),
      create: notes && { method: 'POST', url: () => notes },
      update: notes && { method: 'PUT', url: (id) => `${notes}/${id}` },
    };
  }
  return { name: 'local', headers: {} };
}

async function request(target, method, url, body) {
  const response = await fetch(url, {
    method,
    headers: { ...target.headers, 'content-type': 'application/json', 'user-agent': 'tokenwise-diff' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : undefined;
}

/** The comment carrying our marker, if one exists (the first one: there is only ever one). */
async function findComment(target) {
  for (let page = 1; page <= 50; page++) {
    const comments = await request(target, 'GET', target.list(page));
    const found = comments.find((comment) => typeof comment.body === 'string' && comment.body.includes(marker));
    if (found) return found;
    if (comments.length < 100) return undefined;
  }
  return undefined;
}

/** Creates or updates the sticky comment; with no report, only updates an existing one (so it is not stale). */
async function upsertComment(target, report, head) {
  const existing = await findComment(target);
  if (report === '') {
    if (!existing) return 'none';
    await request(target, target.update.method, target.update.url(existing.id), {
      body: `${marker}\n### tokenwise: no prompt changes\n\nThe latest commit (${head.slice(0, 7)}) no longer changes any prompt.\n`,
    });
    return 'cleared';
  }
  const body = `${marker}\n${report}`;
  if (existing) {
    await request(target, target.update.method, target.update.url(existing.id), { body });
    return 'updated';
  }
  await request(target, target.create.method, target.create.url(), { body });
  return 'created';
}

async function main() {
  const target = platform();
  const cli = env.TOKENWISE_CLI || fileURLToPath(new URL('../dist/cli.js', import.meta.url));
  const base = env.TOKENWISE_BASE || target.base;
  if (!base) {
    log('tokenwise diff: no base to compare with (not a pull/merge request event); set TOKENWISE_BASE.');
    return 2;
  }
  // A shallow checkout may lack the base commit: fetch just that commit (two trees are all a diff needs).
  if (git(['cat-file', '-e', `${base}^{commit}`]).status !== 0) {
    const fetched = git(['fetch', '--no-tags', '--depth=1', 'origin', base]);
    if (fetched.status !== 0) log(`tokenwise diff: could not fetch the base ${base}: ${fetched.stderr.trim()}`);
  }
  const head = git(['rev-parse', 'HEAD']).stdout.trim();
  const args = [cli, 'diff', '--base', base, '--head', 'HEAD', '--format', 'markdown'];
  if (env.TOKENWISE_FAIL_ON_INCREASE) args.push('--fail-on-increase', env.TOKENWISE_FAIL_ON_INCREASE);
  if (env.TOKENWISE_FAIL_ON) args.push('--fail-on', env.TOKENWISE_FAIL_ON);
  if (env.TOKENWISE_CALLS_PER_DAY) args.push('--calls-per-day', env.TOKENWISE_CALLS_PER_DAY);
  args.push(...(env.TOKENWISE_PATHS ?? '').split(/\s+/).filter(Boolean));
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  process.stderr.write(run.stderr ?? '');
  const code = run.status ?? 3;
  // 2 (bad input) and 3 (internal error) produce no report to post.
  if (code === 2 || code === 3) return code;
  const report = run.stdout;
  if (env.GITHUB_STEP_SUMMARY && report) appendFileSync(env.GITHUB_STEP_SUMMARY, report);
  if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `exit-code=${code}\n`);
  if (env.TOKENWISE_COMMENT === 'false' || !target.create) {
    process.stdout.write(report);
    return code;
  }
  if (!target.token) {
    log(`tokenwise diff: no ${target.name} token; the report is not posted.`);
    process.stdout.write(report);
    return code;
  }
  try {
    const outcome = await upsertComment(target, report, head);
    log(`tokenwise diff: comment ${outcome}.`);
  } catch (error) {
    // A comment that cannot be posted (a fork's read-only token) must not hide the gate's verdict.
    log(`tokenwise diff: could not post the comment: ${error.message}`);
    process.stdout.write(report);
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    log(`tokenwise diff: ${error.stack ?? error}`);
    process.exit(3);
  },
);
