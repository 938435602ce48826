// Links from a prompt id to its file in the team's repository (REPOSITORY_URL, REPOSITORY_BRANCH): the id
// `src/triage.ts#triageTicket` opens `${url}/blob/${branch}/src/triage.ts`. Only ids whose file part is a plain
// relative path get a link; anything else (a front-matter name, an absolute path, `..`) is shown as text.
import type { Config } from './config';

type Repository = NonNullable<Config['repository']>;

/** A path segment a source file may have (not `.` or `..`): nothing a URL would read as syntax. */
const SEGMENT = /^[\w.@+-]+$/;
/** The last segment names a file with an extension, so a bare name (`triage`) is not taken for a path. */
const FILE = /\.[A-Za-z0-9]+$/;

/** The repository-relative file a prompt id names, or undefined when it names none. */
export function promptFile(promptId: string): string | undefined {
  const path = promptId.split('#', 1)[0]!;
  const segments = path.split('/');
  if (!segments.every((segment) => SEGMENT.test(segment) && !/^\.+$/.test(segment))) return undefined;
  return FILE.test(segments[segments.length - 1]!) ? path : undefined;
}

/** The URL of a prompt id's file in the repository, or undefined when none is configured or the id names no file. */
export function promptLink(promptId: string, repository: Repository | undefined): string | undefined {
  const file = repository && promptFile(promptId);
  if (!repository || file === undefined) return undefined;
  const encoded = (text: string) => text.split('/').map(encodeURIComponent).join('/');
  return `${repository.url}/blob/${encoded(repository.branch)}/${encoded(file)}`;
}
