import type { TextRange } from './types';

/** Offsets → 0-based line/character exactly as an editor's positionAt gives them: UTF-16 code units, and a line
 * ends at \r\n, \n or \r (not at U+2028, which JavaScript parsers count as a line break). */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): { line: number; character: number } {
    let low = 0;
    let high = this.starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.starts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - this.starts[low]! };
  }

  range(start: number, end: number): TextRange {
    const from = this.position(start);
    const to = this.position(end);
    return {
      start,
      end,
      startLine: from.line,
      startCharacter: from.character,
      endLine: to.line,
      endCharacter: to.character,
    };
  }
}
