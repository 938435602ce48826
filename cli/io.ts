// The CLI's view of the outside world, so commands run the same in-process (tests) and as a process.
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { editDistance, type Policy } from '../core';
import { loadPolicy, PolicyError } from '../core/node';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /**
   * Standard input as text. Given `maxBytes`, it stops reading once more than that many bytes have arrived and
   * throws a UsageError, so an endless or huge stream is refused without being held in memory.
   */
  readStdin: (maxBytes?: number) => Promise<string>;
  isTTY: boolean;
  cwd: string;
  /** Columns text output may use (the terminal's width); unset: 100, as for a pipe or a file. */
  columns?: number;
  /** Environment variables (secrets such as TOKENWISE_READ_TOKEN come only from here); unset: the process's. */
  env?: Readonly<Record<string, string | undefined>>;
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
  /** diff: the monthly cost rises by more than --fail-on-increase. */
  costIncrease: 4,
  /** diff: the change introduces findings (--fail-on new-findings). */
  newFindings: 5,
  /** diff: both of its gates failed. */
  costIncreaseAndNewFindings: 6,
} as const;

/** An error whose message is meant for the user as it stands. */
export class UsageError extends Error {}

const helpOption = { help: { type: 'boolean', short: 'h' } } as const;

/** A command's options and positionals, with -h/--help added; a malformed option is a UsageError showing `help`. */
export function parseOptions<const T extends NonNullable<ParseArgsConfig['options']>>(
  args: string[],
  options: T,
  help: string,
) {
  try {
    return parseArgs({ args, allowPositionals: true as const, options: { ...options, ...helpOption } });
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${help}`);
  }
}

/** `value` when it is one of `allowed`, else a UsageError naming the option, its choices and the closest one. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], option: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const closest = closestOf(value, allowed);
  throw new UsageError(
    `${option} must be one of ${allowed.join(', ')} (got '${value}')${closest ? `; did you mean '${closest}'?` : ''}`,
  );
}

/** The choice nearest to `value` by edit distance, when it is near enough to be a typo. */
export function closestOf(value: string, choices: readonly string[]): string | undefined {
  const ranked = choices
    .map((choice) => ({ choice, distance: editDistance(value.toLowerCase(), choice.toLowerCase()) }))
    .sort((a, b) => a.distance - b.distance);
  const best = ranked[0];
  return best && best.distance <= Math.max(2, Math.floor(best.choice.length / 3)) ? best.choice : undefined;
}

/** Larger inputs are refused rather than read: a prompt is never this big, and reading one would stall a CI job. */
export const maxInputBytes = 32 * 1024 * 1024;

const mib = (bytes: number) => bytes / 1024 / 1024;

/**
 * A text input named on the command line ('-' for standard input), as strict UTF-8 of at most maxInputBytes.
 * A regular file's size is checked before it is read; a stream (standard input, a pipe, a device) is read only up
 * to the limit. Empty, binary and non-UTF-8 input each get their own message.
 */
export async function readTextInput(path: string, io: CliIO): Promise<{ name: string; text: string }> {
  if (path === '-') return nonEmpty('standard input', await io.readStdin(maxInputBytes));
  const file = resolve(io.cwd, path);
  let stat;
  try {
    stat = statSync(file);
  } catch (error) {
    throw new UsageError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message}.`,
    );
  }
  if (stat.isDirectory())
    throw new UsageError(`${path} is a folder; give a file (or use 'tokenwise audit' for folders).`);
  if (stat.size > maxInputBytes) {
    throw new UsageError(
      `${path} is ${mib(stat.size).toFixed(1)} MiB, over the ${mib(maxInputBytes)} MiB limit for one input; split it or count a part.`,
    );
  }
  try {
    const bytes = stat.isFile() ? readFileSync(file) : await readLimited(createReadStream(file), maxInputBytes, path);
    return nonEmpty(path, decodeText(path, bytes));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${path}: ${(error as Error).message}.`);
  }
}

function nonEmpty(name: string, text: string): { name: string; text: string } {
  if (text.length === 0) throw new UsageError(`${name} is empty: there is nothing to count.`);
  return { name, text };
}

/** Reads a stream to its end, or throws a UsageError (and stops reading) once it passes `maxBytes`. */
export async function readLimited(
  stream: AsyncIterable<Uint8Array> & { destroy?: () => void },
  maxBytes: number,
  name: string,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    total += chunk.length;
    if (total > maxBytes) {
      stream.destroy?.();
      throw new UsageError(
        `${name} is larger than the ${mib(maxBytes)} MiB limit for one input; stopped reading after ${mib(total).toFixed(1)} MiB.`,
      );
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** Strict UTF-8: binary data and encoded lone surrogates get their own messages instead of silent U+FFFD. */
export function decodeText(name: string, bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) throw new UsageError(`${name} looks binary (NUL byte at offset ${nul}); count text files only.`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    if (bytes[at] === 0xed && at + 1 < bytes.length && bytes[at + 1]! >= 0xa0 && bytes[at + 1]! <= 0xbf) {
      throw new UsageError(
        `${name} contains an encoded lone surrogate (U+D800–U+DFFF) at byte ${at}, which is not valid UTF-8; re-encode the file as UTF-8.`,
      );
    }
    throw new UsageError(
      `${name} is not valid UTF-8 (first bad byte at offset ${at}); it may be binary or in another encoding.`,
    );
  }
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i]!;
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k >= bytes.length || (bytes[i + k]! & 0xc0) !== 0x80) return i;
    const second = bytes[i + 1]!;
    if (
      (b === 0xe0 && second < 0xa0) ||
      (b === 0xed && second >= 0xa0) ||
      (b === 0xf0 && second < 0x90) ||
      (b === 0xf4 && second >= 0x90)
    )
      return i;
    i += length;
  }
  return bytes.length;
}

/** The policy governing an input ('-' reads the one of the current folder); a broken policy file is a UsageError. */
export function policyGoverning(path: string, cwd: string): Policy {
  const target = path === '-' ? cwd : resolve(cwd, path);
  try {
    return loadPolicy(existsAsDirectory(target) ? target : dirname(target));
  } catch (error) {
    if (error instanceof PolicyError) throw new UsageError(error.message);
    throw error;
  }
}

function existsAsDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
