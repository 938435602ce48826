// A scratch git repository as the CLI's and the editor's comparisons with a base branch need one.
import { execFileSync } from 'node:child_process';

/** Makes `dir` a repository on branch main with a committer and unsigned commits. */
export function initRepository(dir: string): void {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'dev@example.com');
  git('config', 'user.name', 'Dev');
  git('config', 'commit.gpgsign', 'false');
}
