// Splits a command into words the way /bin/sh does for a simple command: whitespace separates
// words, '...' keeps everything literally, "..." keeps everything but \" \\ \$ \`, a backslash
// outside quotes escapes the next character. No expansion of $VAR, globs or redirections.

/** The words of `command`. Never throws: an unterminated quote runs to the end. */
export function shellWords(command: string): string[] {
  const result: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i];
    if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) result.push(word);
      word = '';
      inWord = false;
      continue;
    }
    inWord = true;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      word += command.slice(i + 1, end < 0 ? command.length : end);
      i = end < 0 ? command.length : end;
    } else if (c === '"') {
      i++;
      for (; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && '"\\$`'.includes(command[i + 1] ?? '')) i++;
        word += command[i];
      }
    } else if (c === '\\' && i + 1 < command.length) {
      word += command[++i];
    } else {
      word += c;
    }
  }
  if (inWord) result.push(word);
  return result;
}
