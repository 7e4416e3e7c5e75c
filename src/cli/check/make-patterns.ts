// Make's `%` patterns: matching a word, pattern substitution and suffix substitution.
import { words } from './make-lines';

/** `$(VAR:FROM=TO)`: a pattern substitution when FROM has `%`, else a suffix replacement. */
export function substitute(value: string, from: string, to: string): string {
  if (from.includes('%')) return patternSubstitute(from, to, value);
  return words(value)
    .map((w) => (from !== '' && w.endsWith(from) ? w.slice(0, w.length - from.length) + to : w))
    .join(' ');
}

/** The stem `word` matches `pattern` (one `%`) with, or undefined; without `%`, '' when equal. */
export function matchPattern(pattern: string, word: string): string | undefined {
  const percent = pattern.indexOf('%');
  if (percent < 0) return pattern === word ? '' : undefined;
  const prefix = pattern.slice(0, percent);
  const suffix = pattern.slice(percent + 1);
  if (word.length < prefix.length + suffix.length || !word.startsWith(prefix) || !word.endsWith(suffix)) return undefined;
  return word.slice(prefix.length, word.length - suffix.length);
}

/** `$(patsubst PATTERN,REPLACEMENT,TEXT)`. */
export function patternSubstitute(pattern: string, replacement: string, text: string): string {
  return words(text)
    .map((w) => {
      const stem = matchPattern(pattern, w);
      if (stem === undefined) return w;
      return pattern.includes('%') ? replacement.replace('%', stem) : replacement;
    })
    .join(' ');
}
