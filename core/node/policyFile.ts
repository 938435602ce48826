// Finds and loads the team policy file from disk; parsing and validation are core/policy's (web-safe) job.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultPolicy, parsePolicy, PolicyError, type Policy } from '../policy';

export const policyFileNames = ['tokenwise.config.json', 'tokenwise.config.yaml', 'tokenwise.config.yml'] as const;

/**
 * The policy file that governs `startDir`: the nearest one in `startDir` or a parent, looking no higher than the
 * repository root (the first folder with `.git`). Two policy files side by side are an error, not a silent pick.
 */
export function findPolicyFile(startDir: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const found = policyFileNames.map((name) => join(dir, name)).filter((file) => existsSync(file));
    if (found.length > 1) {
      throw new PolicyError(found[0]!, [
        {
          line: 0,
          path: '',
          message: `more than one policy file in ${dir} (${found.map((f) => f.slice(dir.length + 1)).join(', ')}); keep one`,
        },
      ]);
    }
    if (found.length === 1) return found[0];
    const parent = dirname(dir);
    if (existsSync(join(dir, '.git')) || parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The policy for a policy file, or for a folder (found with findPolicyFile; the current folder when `path` is
 * omitted). A folder with no policy file gets defaultPolicy; a named file that is missing or invalid throws
 * PolicyError.
 */
export function loadPolicy(path?: string): Policy {
  const target = resolve(path ?? process.cwd());
  if (!existsSync(target)) throw new PolicyError(target, [{ line: 0, path: '', message: 'no such policy file' }]);
  const file = statSync(target).isDirectory() ? findPolicyFile(target) : target;
  return file ? parsePolicy(readFileSync(file, 'utf8'), file) : defaultPolicy;
}
