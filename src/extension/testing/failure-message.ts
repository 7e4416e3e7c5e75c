// The Test Explorer message of a failed or errored test: the checker's .result text (verdict and
// diff), shown as a diff of expected against actual output when the text holds one, placed at
// the test's source, and marked so the peek view offers the comparison with our kernel.
import { readFile, stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import { expectedAndActual, failureText } from './result-diff';

/** contextValue of a failure message: menus offer "Compare My Kernel's Output with Ours" on it. */
export const FAILURE_MESSAGE_CONTEXT = 'pintosTestFailure';

/** The text of `file`, or undefined when it cannot be read. */
export async function readTextOrUndefined(file: string): Promise<string | undefined> {
  if (file === '') return undefined;
  try {
    return await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * The text of `file` when it was written at `sinceMs` (epoch ms) or later, else undefined: a
 * transcript left from an earlier run is not this run's.
 */
export async function readTextWrittenSince(file: string, sinceMs: number): Promise<string | undefined> {
  try {
    if ((await stat(file)).mtimeMs < sinceMs) return undefined;
  } catch {
    return undefined;
  }
  return readTextOrUndefined(file);
}

/**
 * The message of a failed test: the text of its .result file `resultFile` (else the runner's
 * `fallback` message, see failureText), with expected/actual output when the text holds a diff, at `location`.
 */
export async function failureMessage(resultFile: string, fallback: string, location: vscode.Location | undefined): Promise<vscode.TestMessage> {
  const resultText = (await readTextOrUndefined(resultFile))?.trimEnd();
  const text = failureText(resultText !== undefined && resultText !== '' ? resultText : fallback);
  const outputs = expectedAndActual(text);
  const message = outputs !== undefined ? vscode.TestMessage.diff(text, outputs.expected, outputs.actual) : new vscode.TestMessage(text);
  message.contextValue = FAILURE_MESSAGE_CONTEXT;
  if (location !== undefined) message.location = location;
  return message;
}

/** A plain message (for errors and skips) at `location`. */
export function plainMessage(text: string, location: vscode.Location | undefined): vscode.TestMessage {
  const message = new vscode.TestMessage(text);
  if (location !== undefined) message.location = location;
  return message;
}

/** Where a test's messages point: its item's file and line, when it has them. */
export function itemLocation(item: vscode.TestItem): vscode.Location | undefined {
  return item.uri !== undefined ? new vscode.Location(item.uri, item.range ?? new vscode.Position(0, 0)) : undefined;
}

/** `text` with every line ending as "\r\n", as a test run's output wants it. */
export function terminalText(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}
