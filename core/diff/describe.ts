// The words for a prompt's change, shared by `tokenwise diff`'s reports and the editor's comparison with the base
// branch, so both describe one change alike.
import type { PromptChange } from './diff';

const count = (n: number) => n.toLocaleString('en-US');

/** 1000 → `1k`, 1,500,000 → `1.5M`. */
export function callsPerDayText(perDay: number): string {
  const trim = (value: number) => String(Math.round(value * 10) / 10);
  if (perDay >= 1_000_000) return `${trim(perDay / 1_000_000)}M`;
  if (perDay >= 1_000) return `${trim(perDay / 1_000)}k`;
  return trim(perDay);
}

/** One phrase per change, in words a reviewer reads. */
export function describeChange(change: PromptChange): string {
  switch (change.kind) {
    case 'model':
      return `model ${change.from}${change.fromAssumed ? ' (assumed)' : ''} → ${change.to}${change.toAssumed ? ' (assumed)' : ''}`;
    case 'output-cap':
      if (change.to === undefined) return `output cap removed (was ${count(change.from!)} tokens)`;
      if (change.from === undefined) return `output cap set to ${count(change.to)} tokens`;
      return `output cap ${count(change.from)} → ${count(change.to)} tokens`;
    case 'text': {
      const delta = change.toTokens - change.fromTokens;
      return `prompt ${delta > 0 ? 'grew' : 'shrank'} ${delta > 0 ? '+' : '−'}${count(Math.abs(delta))} tokens`;
    }
    case 'volume':
      return `volume ${callsPerDayText(change.from)} → ${callsPerDayText(change.to)} calls/day`;
    case 'moved':
      return `moved from ${change.fromId}`;
    case 'new-findings':
      return `new finding${change.ruleIds.length > 1 ? 's' : ''}: ${change.ruleIds.join(', ')}`;
  }
}
