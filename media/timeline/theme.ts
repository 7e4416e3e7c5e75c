// The chart colours and fonts of the current VS Code theme, read from the CSS variables VS Code
// sets on the webview, and a way to hear when the theme changes (VS Code swaps the body's class
// and the variables on <html> then).

/** What the charts paint with. */
export interface ChartTheme {
  /** series and event-row colours, in order (charts palette first) */
  palette: string[];
  foreground: string;
  background: string;
  grid: string;
  font: string;
}

const PALETTE_VARIABLES = ['charts-blue', 'charts-orange', 'charts-green', 'charts-purple', 'charts-red', 'charts-yellow', 'terminal-ansiCyan', 'terminal-ansiMagenta'];
const FALLBACK_PALETTE = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700', '#11a8cd', '#bc3fbc'];

/** The value of `--vscode-<name>`, or `fallback` when the theme does not set it. */
function variable(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(`--vscode-${name}`).trim();
  return v === '' ? fallback : v;
}

/** Reads the theme now (the variables may sit on <html> or <body>; body's computed style sees both). */
export function readTheme(): ChartTheme {
  const style = getComputedStyle(document.body);
  const foreground = variable(style, 'foreground', '#cccccc');
  const size = variable(style, 'font-size', '13px');
  const family = variable(style, 'font-family', 'sans-serif');
  return {
    palette: PALETTE_VARIABLES.map((name, i) => variable(style, name, FALLBACK_PALETTE[i])),
    foreground,
    background: variable(style, 'editor-background', '#1e1e1e'),
    grid: variable(style, 'editorWidget-border', 'rgba(128, 128, 128, 0.3)'),
    font: `${parseFloat(size) >= 12 ? 11 : 10}px ${family}`,
  };
}

/** The colour of series (or event row) `i`. */
export function colourOf(theme: ChartTheme, i: number): string {
  return theme.palette[i % theme.palette.length];
}

/** Calls `changed` after the theme changed: the body's class or the variables' style attribute. */
export function onThemeChange(changed: () => void): void {
  const observer = new MutationObserver(() => changed());
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['style', 'class'] });
}
