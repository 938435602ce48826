// System packages the test suites need. On a machine where we may use apt (root), missing ones are installed;
// elsewhere the user is told exactly what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';

export function findPostgresBin() {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).filter((v) => existsSync(`${root}/${v}/bin/initdb`));
  versions.sort((a, b) => Number(b) - Number(a));
  return versions.length ? `${root}/${versions[0]}/bin` : undefined;
}

const packages = [
  {
    what: 'Chromium (hosts VS Code for the extension tests)',
    apt: 'chromium',
    present: () => existsSync('/usr/bin/chromium'),
  },
  {
    what: 'DejaVu fonts (legible screenshots)',
    apt: 'fonts-dejavu-core',
    present: () => existsSync('/usr/share/fonts/truetype/dejavu'),
  },
  {
    what: 'Kerberos headers (code-server native module)',
    apt: 'libkrb5-dev',
    present: () => existsSync('/usr/include/krb5.h') || existsSync('/usr/include/krb5/krb5.h'),
  },
  { what: 'ripgrep (code-server search)', apt: 'ripgrep', present: () => existsSync('/usr/bin/rg') },
  { what: 'PostgreSQL server (shared-store tests)', apt: 'postgresql', present: () => findPostgresBin() !== undefined },
];

export function ensurePrerequisites() {
  const missing = packages.filter((p) => !p.present());
  if (missing.length === 0) return;
  const names = missing.map((p) => p.apt);
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    const list = missing.map((p) => `  - ${p.apt}: ${p.what}`).join('\n');
    throw new Error(`Missing system packages:\n${list}\nInstall them with: sudo apt-get install -y ${names.join(' ')}`);
  }
  // apt is quiet here: its output is kept and shown only if it fails; a run that works prints a line before and after.
  console.log(`Installing system packages with apt: ${names.join(' ')} …`);
  const started = Date.now();
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let log = '';
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', ...names],
  ]) {
    const run = spawnSync('apt-get', args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    log += `$ apt-get ${args.join(' ')}\n${run.stdout ?? ''}${run.stderr ?? ''}`;
    if (run.status !== 0) {
      throw new Error(
        `${log}\napt-get ${args[0]} failed (${run.error?.message ?? `exit code ${run.status}`}) installing: ${names.join(' ')}`,
      );
    }
  }
  console.log(`Installed system packages ${names.join(', ')} in ${Math.round((Date.now() - started) / 1000)} s.`);
}
