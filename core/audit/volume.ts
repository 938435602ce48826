// The volumes a prompt's own traffic or code states, ahead of the policy's (core/estimate's volumeOf orders them all):
//   observed    a pluggable lookup by prompt id (traffic a ledger has seen)
//   annotation  a `tokenwise-volume: 20,000/day` comment on the prompt's or call's line or the line above it (a
//               prompt file: anywhere in it, e.g. `# tokenwise-volume: 500/hour` in its front matter)
import type { ExtractedPrompt, LineIndex } from '../extract';
import type { KnownVolume } from '../estimate';

/** Calls per day by prompt id from outside the code (e.g. a usage ledger); undefined when it has none. */
export interface VolumeLookup {
  callsPerDay(promptId: string): number | undefined;
}

const PER_DAY: Record<string, number> = { minute: 1440, hour: 24, day: 1, week: 1 / 7, month: 1 / 30 };
const DIRECTIVE =
  /tokenwise-volume\b[:\s]*(?:about|around|roughly|~|≈)?\s*([0-9][0-9,_]*(?:\.[0-9]+)?)\s*([kKmM])?\s*(?:calls?\s*)?(?:\/|per\s+|an?\s+|each\s+)(minute|hour|day|week|month)\b/g;

export interface VolumeAnnotations {
  /** Calls per day a directive on line `line` (0-based) or the line above sets, or the whole-file directive. */
  at(lines: readonly number[]): number | undefined;
}

/** The `tokenwise-volume` directives of a file. `wholeFile` (prompt files): any directive applies to the file. */
export function parseVolumeAnnotations(source: string, lines: LineIndex, wholeFile: boolean): VolumeAnnotations {
  const byLine = new Map<number, number>();
  let file: number | undefined;
  for (const match of source.matchAll(DIRECTIVE)) {
    const amount =
      Number(match[1]!.replace(/[,_]/g, '')) * (match[2] === undefined ? 1 : /k/i.test(match[2]) ? 1_000 : 1_000_000);
    const callsPerDay = amount * PER_DAY[match[3]!]!;
    if (!Number.isFinite(callsPerDay)) continue;
    if (wholeFile) file ??= callsPerDay;
    else byLine.set(lines.position(match.index!).line, callsPerDay);
  }
  return {
    at: (anchors) => {
      if (file !== undefined) return file;
      for (const line of anchors) {
        const found = byLine.get(line) ?? byLine.get(line - 1);
        if (found !== undefined) return found;
      }
      return undefined;
    },
  };
}

/** The volume the prompt's own traffic or code states (observed, then annotated), if any: the facts among volumes. */
export function knownVolumeOf(
  prompt: ExtractedPrompt,
  annotations: VolumeAnnotations,
  lookup: VolumeLookup | undefined,
): KnownVolume | undefined {
  const observed = lookup?.callsPerDay(prompt.promptId);
  if (observed !== undefined) return { callsPerDay: observed, source: 'observed' };
  const annotated = annotations.at([
    prompt.range.startLine,
    prompt.callSite?.range.startLine ?? prompt.range.startLine,
  ]);
  if (annotated !== undefined) return { callsPerDay: annotated, source: 'annotation' };
  return undefined;
}
