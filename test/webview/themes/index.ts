/**
 * VS Code's themes as a webview receives them, for the webview tests: VS Code writes every colour
 * of the active theme onto the document as `--vscode-<id with . as ->` variables, with its fonts,
 * and marks the body with the theme's kind (`vscode-light`, `vscode-dark`, `vscode-high-contrast`,
 * `vscode-high-contrast-light`). The values (one file per theme in this folder) are VS Code's own
 * defaults, so a contrast measured here is the contrast a user of that theme sees.
 */

import type { Page } from 'playwright-core';
import { darkPlus } from './darkPlus';
import { highContrast } from './highContrast';
import { highContrastLight } from './highContrastLight';
import { lightPlus } from './lightPlus';
import { fonts, type Theme } from './types';

export type { Theme, ThemeName } from './types';

/** VS Code's four default themes: Light+, Dark+, High Contrast (dark) and High Contrast Light. */
export const themes: readonly Theme[] = [lightPlus, darkPlus, highContrast, highContrastLight];

/** The theme's variables as VS Code names them: `editor.background` → `--vscode-editor-background`. */
export function themeVariables(theme: Theme): Record<string, string> {
  const variables: Record<string, string> = {};
  for (const [name, value] of Object.entries(fonts)) {
    variables[`--vscode-${name}`] = value;
  }
  for (const [id, value] of Object.entries(theme.colors)) {
    variables[`--vscode-${id.replace(/\./g, '-')}`] = value;
  }
  return variables;
}

/**
 * Makes the page open in `theme`, as VS Code themes a webview: the variables on the document
 * before the page's own script runs (an init script, which the page's CSP does not apply to), the
 * body's classes as soon as there is a body. For `OpenChatOptions.beforeLoad`.
 */
export async function applyTheme(page: Page, theme: Theme): Promise<void> {
  await page.addInitScript(
    ({ variables, bodyClasses, kind }) => {
      // An init script can run before the parser made <html>: each part waits for its element.
      let themedRoot = false;
      const markDocument = (): boolean => {
        if (!themedRoot && document.documentElement !== null) {
          for (const [name, value] of Object.entries(variables)) {
            document.documentElement.style.setProperty(name, value);
          }
          themedRoot = true;
        }
        if (document.body === null) {
          return false;
        }
        document.body.classList.add(...bodyClasses);
        document.body.dataset.vscodeThemeKind = kind;
        return true;
      };
      if (!markDocument()) {
        const observer = new MutationObserver(() => {
          if (markDocument()) {
            observer.disconnect();
          }
        });
        observer.observe(document, { childList: true, subtree: true });
      }
    },
    { variables: themeVariables(theme), bodyClasses: theme.bodyClasses, kind: theme.bodyClasses[0]! },
  );
}
