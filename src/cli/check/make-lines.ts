// Splits makefile text into logical lines the way make reads them: backslash-newline joins
// lines (with the whitespace around it folded into one space), `#` starts a comment unless
// escaped, and a line that starts with a tab is kept apart as a possible recipe line.

/** One logical line of a makefile. */
export interface MakeLine {
  /** the text with continuations joined and the comment removed, not trimmed */
  text: string;
  /** the line started with a tab: a recipe line when it follows a rule */
  tabbed: boolean;
  /** where it came from, for messages: `FILE:LINE` of its first physical line */
  where: string;
}

/**
 * Returns the logical lines of `source` (read from `file`). Never fails: a trailing backslash
 * on the last line simply ends the text.
 */
export function logicalLines(source: string, file: string): MakeLine[] {
  const physical = source.replace(/\r\n/g, '\n').split('\n');
  const lines: MakeLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const first = i;
    let text = physical[i];
    while (endsWithContinuation(text) && i + 1 < physical.length) {
      text = `${text.slice(0, -1).trimEnd()} ${physical[++i].trimStart()}`;
    }
    if (endsWithContinuation(text)) text = text.slice(0, -1);
    lines.push({ text: stripComment(text), tabbed: text.startsWith('\t'), where: `${file}:${first + 1}` });
  }
  return lines;
}

/** True when `text` ends in an odd number of backslashes (the last one escapes the newline). */
function endsWithContinuation(text: string): boolean {
  let n = 0;
  while (n < text.length && text[text.length - 1 - n] === '\\') n++;
  return n % 2 === 1;
}

/** `text` without its comment; `\#` stands for a literal `#`. */
export function stripComment(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && text[i + 1] === '#') {
      out += '#';
      i++;
    } else if (c === '#') {
      break;
    } else {
      out += c;
    }
  }
  return out;
}

/** The words of a make value: split on runs of whitespace, empty words dropped. */
export function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/**
 * Index of the first `wanted` character of `text` from `start` that is not inside a `$(...)` or
 * `${...}` reference, or -1.
 */
export function indexOutsideReferences(text: string, wanted: (c: string, i: number) => boolean, start = 0): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '$' && (text[i + 1] === '(' || text[i + 1] === '{')) {
      depth++;
      i++;
    } else if (depth > 0 && (c === '(' || c === '{')) {
      depth++;
    } else if (depth > 0 && (c === ')' || c === '}')) {
      depth--;
    } else if (depth === 0 && wanted(c, i)) {
      return i;
    }
  }
  return -1;
}

/** Index of `c` in `text` outside any nested parentheses or braces, or -1. */
export function topLevelIndex(text: string, c: string, start = 0): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const ch = text[i];
    if (ch === '(' || ch === '{') depth++;
    else if (ch === ')' || ch === '}') depth--;
    else if (depth === 0 && ch === c) return i;
  }
  return -1;
}
