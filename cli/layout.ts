// Text output laid out for the terminal: tables shrink their widest columns and prose wraps, so no line is wider
// than the terminal (100 columns when standard output is not one). JSON and SARIF are never laid out.
import type { CliIO } from './io';

/** Width of text output when standard output is not a terminal (a pipe, a file, a CI log). */
export const defaultWidth = 100;

/** Below this a column is not shrunk further; a table that still does not fit is cut at the edge. */
const minimumColumnWidth = 6;

export function outputWidth(io: CliIO): number {
  return io.columns !== undefined && io.columns > 0 ? io.columns : defaultWidth;
}

export interface TableColumn {
  title: string;
  align: 'left' | 'right';
  /**
   * How an over-wide table narrows this column: cut its cells at the end (names) or the start (paths, whose end says
   * most), or wrap them onto more lines (the last column only: prose that loses nothing by wrapping, so it narrows
   * first). Unset: never narrowed.
   */
  cut?: 'end' | 'start' | 'wrap';
}

/** Cuts `text` to `width` characters, marking the cut with '…' at the end or the start. */
export function truncate(text: string, width: number, cut: 'end' | 'start' = 'end'): string {
  if (text.length <= width) return text;
  if (width <= 1) return '…'.slice(0, width);
  return cut === 'end' ? `${text.slice(0, width - 1)}…` : `…${text.slice(text.length - width + 1)}`;
}

/** Narrower than this, a wrapped column would read a word a line. */
const minimumWrapWidth = 20;

/**
 * Columns two spaces apart, at most `width` wide: a wrapping last column narrows first, then the widest column
 * that may be cut gives up a character at a time; a table that still does not fit is cut at the edge.
 */
export function formatTable(columns: readonly TableColumn[], rows: readonly string[][], width: number): string {
  const widths = columns.map((column, i) => Math.max(column.title.length, ...rows.map((row) => row[i]!.length)));
  const last = columns.length - 1;
  const total = () => widths.reduce((sum, w) => sum + w, 0) + 2 * last;
  if (columns[last]!.cut === 'wrap')
    widths[last] = Math.max(minimumWrapWidth, widths[last]! - Math.max(0, total() - width));
  while (total() > width) {
    let widest = -1;
    for (let i = 0; i < columns.length; i++) {
      const cut = columns[i]!.cut;
      if (cut && cut !== 'wrap' && widths[i]! > minimumColumnWidth && (widest === -1 || widths[i]! > widths[widest]!))
        widest = i;
    }
    if (widest === -1) break;
    widths[widest]!--;
  }
  const indent = widths.slice(0, last).reduce((sum, w) => sum + w + 2, 0);
  const line = (cells: readonly string[]) => {
    const fitted = cells.map((cell, i) => {
      const { align, cut } = columns[i]!;
      const text = cut === 'wrap' ? cell : truncate(cell, widths[i]!, cut);
      return align === 'right' ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
    });
    if (columns[last]!.cut !== 'wrap') return fitted.join('  ').trimEnd();
    const [first, ...more] = wrapText(cells[last]!, widths[last]!, 0).split('\n');
    return [
      [...fitted.slice(0, last), first].join('  ').trimEnd(),
      ...more.map((text) => ' '.repeat(indent) + text),
    ].join('\n');
  };
  return [line(columns.map((column) => column.title)), ...rows.map(line)]
    .flatMap((text) => text.split('\n'))
    .map((text) => truncate(text, width))
    .join('\n');
}

/**
 * Wraps every line longer than `width` at spaces (a word longer than the line is broken); continuation lines are
 * indented `hang` spaces past the line's own indentation, so a wrapped item still reads as one.
 */
export function wrapText(text: string, width: number, hang = 4): string {
  return text
    .split('\n')
    .flatMap((line) => wrapLine(line, width, hang))
    .join('\n');
}

function wrapLine(line: string, width: number, hang: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^ */.exec(line)![0];
  const hanging = ' '.repeat(Math.min(indent.length + hang, Math.floor(width / 2)));
  const lines: string[] = [];
  let rest = line;
  let prefix = '';
  while (prefix.length + rest.length > width) {
    const room = width - prefix.length;
    let at = rest.lastIndexOf(' ', room);
    if (at <= rest.length - rest.trimStart().length) at = room; // no space to break at past the indentation
    lines.push(prefix + rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
    prefix = hanging;
  }
  if (rest.length > 0) lines.push(prefix + rest);
  return lines;
}
