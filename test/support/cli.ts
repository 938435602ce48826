// The CLI run in-process with its output captured, as a test sees a command: its exit code, stdout and stderr.
import { runCli } from '../../cli/main';
import type { CliIO } from '../../cli/io';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCliCaptured(
  args: string[],
  options: { cwd: string; env?: CliIO['env']; columns?: number; isTTY?: boolean },
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    readStdin: async () => '',
    isTTY: false,
    ...options,
  };
  const code = await runCli(args, io);
  return { code, stdout, stderr };
}
