// Small text helpers shared by the Block Kit builders; every builder keeps within Slack's documented limits.
import type { SpendDimension } from '../spend/args';

export const LIMITS = { sectionText: 3000, headerText: 150, buttonText: 75, contextText: 3000 } as const;

export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

const BARS = '▁▂▃▄▅▆▇█';

/** A unicode sparkline of `values`, summed into at most `width` buckets. */
export function sparkline(values: readonly number[], width = 31): string {
  if (values.length === 0) return '';
  const size = Math.ceil(values.length / width);
  const buckets: number[] = [];
  for (let i = 0; i < values.length; i += size) buckets.push(values.slice(i, i + size).reduce((a, b) => a + b, 0));
  const max = Math.max(...buckets);
  return buckets
    .map((value) =>
      max === 0 ? BARS[0] : BARS[Math.min(BARS.length - 1, Math.floor((value / max) * (BARS.length - 1) + 0.5))],
    )
    .join('');
}

/** A ten-cell progress bar; full beyond 100 %. */
export function progressBar(fraction: number): string {
  const filled = Math.max(0, Math.min(10, Math.round(fraction * 10)));
  return `${'▓'.repeat(filled)}${'░'.repeat(10 - filled)}`;
}

export function compactNumber(value: number): string {
  return new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** Text as mrkdwn shows it literally: no mention, link or entity of its own. */
export const escape = (text: string) =>
  text.replace(/[<>&]/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[char]!);

/** How a breakdown key reads: Slack ids become mentions, missing attribution says so. */
export function keyLabel(by: SpendDimension, key: string): string {
  if (key === '') return `_no ${by}_`;
  if (by === 'user' && /^[UW][A-Z0-9]{2,}$/.test(key)) return `<@${key}>`;
  return escape(key);
}
