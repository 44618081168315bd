/**
 * What a webview page needs of the extension's l10n bundle: the translations of its own English
 * strings (chatStrings, usageStrings), not the whole bundle, so the page's HTML stays small. Pure:
 * the caller hands in `vscode.l10n.bundle` (undefined while VS Code runs in English).
 */

export function pageTranslations(english: Readonly<Record<string, string>>, bundle: Readonly<Record<string, string>> | undefined): Record<string, string> {
  const translations: Record<string, string> = {};
  if (bundle === undefined) {
    return translations;
  }
  for (const text of Object.values(english)) {
    const translated = Object.hasOwn(bundle, text) ? bundle[text] : undefined;
    if (typeof translated === 'string' && translated !== '') {
      translations[text] = translated;
    }
  }
  return translations;
}
