/**
 * VS Code's themes as a webview receives them, for the webview tests: VS Code writes every colour
 * of the active theme onto the document as `--vscode-<id with . as ->` variables, with its fonts,
 * and marks the body with the theme's kind (`vscode-light`, `vscode-dark`, `vscode-high-contrast`).
 * The values are VS Code's own defaults (its colour registry with the Light+, Dark+ and High
 * Contrast themes over it), limited to the variables the chat's CSS and vscode-elements read, so
 * a contrast measured here is the contrast a user of that theme sees.
 */

import type { Page } from 'playwright-core';

export type ThemeName = 'light' | 'dark' | 'high-contrast';

export interface Theme {
  name: ThemeName;
  /** The body's classes, as VS Code sets them. */
  bodyClasses: string[];
  /** Colours by their VS Code id (`editor.background`); written as `--vscode-editor-background`. */
  colors: Record<string, string>;
}

/** What every theme shares: the fonts of VS Code on Linux. */
const fonts: Record<string, string> = {
  'font-family': 'system-ui, "Ubuntu", "Droid Sans", sans-serif',
  'font-size': '13px',
  'font-weight': 'normal',
  'editor-font-family': '"Droid Sans Mono", "monospace", monospace',
  'editor-font-size': '14px',
  'editor-font-weight': 'normal',
};

const light: Theme = {
  name: 'light',
  bodyClasses: ['vscode-light'],
  colors: {
    foreground: '#616161',
    descriptionForeground: '#717171',
    disabledForeground: '#61616180',
    errorForeground: '#a1260d',
    focusBorder: '#0090f1',
    'icon.foreground': '#424242',
    'widget.shadow': '#00000029',
    'editor.background': '#ffffff',
    'editor.foreground': '#000000',
    'sideBar.background': '#f3f3f3',
    'panel.border': '#80808059',
    'textLink.foreground': '#006ab1',
    'textLink.activeForeground': '#006ab1',
    'textPreformat.foreground': '#a31515',
    'textPreformat.background': '#0000001a',
    'textBlockQuote.background': '#7f7f7f1a',
    'textBlockQuote.border': '#0064001a',
    'textCodeBlock.background': '#dcdcdc66',
    'input.background': '#ffffff',
    'input.foreground': '#616161',
    'input.placeholderForeground': '#767676',
    'inputValidation.errorBackground': '#f2dede',
    'inputValidation.errorBorder': '#be1100',
    'inputValidation.warningBackground': '#f6f5d2',
    'inputValidation.warningBorder': '#b89500',
    'dropdown.background': '#ffffff',
    'dropdown.foreground': '#616161',
    'dropdown.border': '#cecece',
    'settings.dropdownBackground': '#ffffff',
    'settings.dropdownForeground': '#616161',
    'settings.dropdownBorder': '#cecece',
    'settings.dropdownListBorder': '#c8c8c8',
    'checkbox.background': '#ffffff',
    'checkbox.foreground': '#616161',
    'checkbox.border': '#cecece',
    'settings.checkboxBackground': '#ffffff',
    'settings.checkboxForeground': '#616161',
    'settings.checkboxBorder': '#cecece',
    'button.background': '#007acc',
    'button.foreground': '#ffffff',
    'button.hoverBackground': '#0062a3',
    'button.secondaryBackground': '#5f6a79',
    'button.secondaryForeground': '#ffffff',
    'button.secondaryHoverBackground': '#4c5561',
    'badge.background': '#c4c4c4',
    'badge.foreground': '#333333',
    'progressBar.background': '#0e70c0',
    'list.activeSelectionBackground': '#0060c0',
    'list.activeSelectionForeground': '#ffffff',
    'list.inactiveSelectionBackground': '#e4e6f1',
    'list.hoverBackground': '#f0f0f0',
    'list.focusOutline': '#0090f1',
    'list.highlightForeground': '#0066bf',
    'list.focusHighlightForeground': '#bbe7ff',
    'toolbar.hoverBackground': '#b8b8b850',
    'toolbar.activeBackground': '#a6a6a650',
    'editorWidget.background': '#f3f3f3',
    'editorWidget.border': '#c8c8c8',
    'editorSuggestWidget.background': '#f3f3f3',
    'editorSuggestWidget.foreground': '#000000',
    'editorSuggestWidget.border': '#c8c8c8',
    'editorSuggestWidget.selectedBackground': '#0060c0',
    'editorSuggestWidget.selectedForeground': '#ffffff',
    'editorWarning.foreground': '#bf8803',
    'debugTokenExpression.name': '#9b46b0',
    'debugTokenExpression.value': '#6c6c6ccc',
    'debugTokenExpression.string': '#a31515',
    'debugTokenExpression.number': '#098658',
    'debugTokenExpression.error': '#e51400',
    'symbolIcon.functionForeground': '#652d90',
    'symbolIcon.classForeground': '#d67e00',
    'symbolIcon.variableForeground': '#007acc',
    'symbolIcon.keywordForeground': '#616161',
    'symbolIcon.stringForeground': '#616161',
    'symbolIcon.numberForeground': '#616161',
  },
};

const dark: Theme = {
  name: 'dark',
  bodyClasses: ['vscode-dark'],
  colors: {
    foreground: '#cccccc',
    descriptionForeground: '#ccccccb3',
    disabledForeground: '#cccccc80',
    errorForeground: '#f48771',
    focusBorder: '#007fd4',
    'icon.foreground': '#c5c5c5',
    'widget.shadow': '#0000005c',
    'editor.background': '#1e1e1e',
    'editor.foreground': '#d4d4d4',
    'sideBar.background': '#252526',
    'panel.border': '#80808059',
    'textLink.foreground': '#3794ff',
    'textLink.activeForeground': '#3794ff',
    'textPreformat.foreground': '#d7ba7d',
    'textPreformat.background': '#ffffff1a',
    'textBlockQuote.background': '#7f7f7f1a',
    'textBlockQuote.border': '#007acc80',
    'textCodeBlock.background': '#0a0a0a66',
    'input.background': '#3c3c3c',
    'input.foreground': '#cccccc',
    'input.placeholderForeground': '#a6a6a6',
    'inputValidation.errorBackground': '#5a1d1d',
    'inputValidation.errorBorder': '#be1100',
    'inputValidation.warningBackground': '#352a05',
    'inputValidation.warningBorder': '#b89500',
    'dropdown.background': '#3c3c3c',
    'dropdown.foreground': '#f0f0f0',
    'dropdown.border': '#3c3c3c',
    'settings.dropdownBackground': '#3c3c3c',
    'settings.dropdownForeground': '#f0f0f0',
    'settings.dropdownBorder': '#3c3c3c',
    'settings.dropdownListBorder': '#454545',
    'checkbox.background': '#3c3c3c',
    'checkbox.foreground': '#f0f0f0',
    'checkbox.border': '#3c3c3c',
    'settings.checkboxBackground': '#3c3c3c',
    'settings.checkboxForeground': '#f0f0f0',
    'settings.checkboxBorder': '#3c3c3c',
    'button.background': '#0e639c',
    'button.foreground': '#ffffff',
    'button.hoverBackground': '#1177bb',
    'button.secondaryBackground': '#3a3d41',
    'button.secondaryForeground': '#ffffff',
    'button.secondaryHoverBackground': '#45494e',
    'badge.background': '#4d4d4d',
    'badge.foreground': '#ffffff',
    'progressBar.background': '#0e70c0',
    'list.activeSelectionBackground': '#04395e',
    'list.activeSelectionForeground': '#ffffff',
    'list.inactiveSelectionBackground': '#37373d',
    'list.hoverBackground': '#2a2d2e',
    'list.focusOutline': '#007fd4',
    'list.highlightForeground': '#2aaaff',
    'list.focusHighlightForeground': '#2aaaff',
    'toolbar.hoverBackground': '#5a5d5e50',
    'toolbar.activeBackground': '#63666750',
    'editorWidget.background': '#252526',
    'editorWidget.border': '#454545',
    'editorSuggestWidget.background': '#252526',
    'editorSuggestWidget.foreground': '#d4d4d4',
    'editorSuggestWidget.border': '#454545',
    'editorSuggestWidget.selectedBackground': '#04395e',
    'editorSuggestWidget.selectedForeground': '#ffffff',
    'editorWarning.foreground': '#cca700',
    'debugTokenExpression.name': '#c586c0',
    'debugTokenExpression.value': '#cccccc99',
    'debugTokenExpression.string': '#ce9178',
    'debugTokenExpression.number': '#b5cea8',
    'debugTokenExpression.error': '#f48771',
    'symbolIcon.functionForeground': '#b180d7',
    'symbolIcon.classForeground': '#ee9d28',
    'symbolIcon.variableForeground': '#75beff',
    'symbolIcon.keywordForeground': '#cccccc',
    'symbolIcon.stringForeground': '#cccccc',
    'symbolIcon.numberForeground': '#cccccc',
  },
};

/** High Contrast (dark): black, white text, cyan borders everywhere, orange focus. */
const highContrast: Theme = {
  name: 'high-contrast',
  bodyClasses: ['vscode-high-contrast'],
  colors: {
    foreground: '#ffffff',
    descriptionForeground: '#ffffffb3',
    disabledForeground: '#a5a5a5',
    errorForeground: '#f48771',
    focusBorder: '#f38518',
    contrastBorder: '#6fc3df',
    contrastActiveBorder: '#f38518',
    'icon.foreground': '#ffffff',
    'editor.background': '#000000',
    'editor.foreground': '#ffffff',
    'sideBar.background': '#000000',
    'sideBarSectionHeader.border': '#6fc3df',
    'panel.border': '#6fc3df',
    'widget.border': '#6fc3df',
    'textLink.foreground': '#21a6ff',
    'textLink.activeForeground': '#21a6ff',
    'textPreformat.foreground': '#ffffff',
    'textPreformat.background': '#000000',
    'textBlockQuote.background': '#000000',
    'textBlockQuote.border': '#ffffff',
    'textCodeBlock.background': '#000000',
    'input.background': '#000000',
    'input.foreground': '#ffffff',
    'input.border': '#6fc3df',
    'input.placeholderForeground': '#ffffffb3',
    'inputValidation.errorBackground': '#000000',
    'inputValidation.errorBorder': '#6fc3df',
    'inputValidation.warningBackground': '#000000',
    'inputValidation.warningBorder': '#6fc3df',
    'dropdown.background': '#000000',
    'dropdown.foreground': '#ffffff',
    'dropdown.border': '#6fc3df',
    'settings.dropdownBackground': '#000000',
    'settings.dropdownForeground': '#ffffff',
    'settings.dropdownBorder': '#6fc3df',
    'settings.dropdownListBorder': '#6fc3df',
    'checkbox.background': '#000000',
    'checkbox.foreground': '#ffffff',
    'checkbox.border': '#6fc3df',
    'settings.checkboxBackground': '#000000',
    'settings.checkboxForeground': '#ffffff',
    'settings.checkboxBorder': '#6fc3df',
    'button.background': '#000000',
    'button.foreground': '#ffffff',
    'button.border': '#6fc3df',
    'button.secondaryBackground': '#000000',
    'button.secondaryForeground': '#ffffff',
    'badge.background': '#000000',
    'badge.foreground': '#ffffff',
    'progressBar.background': '#6fc3df',
    'list.activeSelectionForeground': '#ffffff',
    'list.focusOutline': '#f38518',
    'list.highlightForeground': '#f38518',
    'list.focusHighlightForeground': '#f38518',
    'toolbar.hoverOutline': '#f38518',
    'editorWidget.background': '#0c141f',
    'editorWidget.border': '#6fc3df',
    'editorSuggestWidget.background': '#0c141f',
    'editorSuggestWidget.foreground': '#ffffff',
    'editorSuggestWidget.border': '#6fc3df',
    'editorWarning.foreground': '#ffd370',
    'debugTokenExpression.name': '#ffffff',
    'debugTokenExpression.value': '#ffffff',
    'debugTokenExpression.string': '#f48771',
    'debugTokenExpression.number': '#89d185',
    'debugTokenExpression.error': '#f48771',
    'symbolIcon.functionForeground': '#ffffff',
    'symbolIcon.classForeground': '#ffffff',
    'symbolIcon.variableForeground': '#ffffff',
    'symbolIcon.keywordForeground': '#ffffff',
    'symbolIcon.stringForeground': '#ffffff',
    'symbolIcon.numberForeground': '#ffffff',
  },
};

export const themes: readonly Theme[] = [light, dark, highContrast];

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
