/**
 * What every theme file in this folder gives: VS Code's colours for one of its default themes,
 * the body classes VS Code sets for it, and the fonts all themes share.
 */

export type ThemeName = 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';

export interface Theme {
  name: ThemeName;
  /** The body's classes, as VS Code sets them; the first is the theme's kind (`data-vscode-theme-kind`). */
  bodyClasses: string[];
  /** Colours by their VS Code id (`editor.background`); written as `--vscode-editor-background`. */
  colors: Record<string, string>;
}

/** What every theme shares: the fonts of VS Code on Linux. */
export const fonts: Record<string, string> = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  'editor-font-size': '14px',
  'editor-font-weight': 'normal',
};
