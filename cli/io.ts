// The CLI's view of the outside world, so commands run the same in-process (tests) and as a process.
export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  isTTY: boolean;
  cwd: string;
}

/** Exit codes, documented in the README. */
export const ExitCode = {
  ok: 0,
  /** A gate failed: audit findings at or above --fail-on, or a prompt over --max-cost-per-call. */
  gateFailed: 1,
  /** Bad arguments or bad input (unknown model, unreadable file, malformed JSON…). */
  badInput: 2,
  /** An unexpected internal error. */
  internal: 3,
} as const;

/** An error whose message is meant for the user as it stands. */
export class UsageError extends Error {}
