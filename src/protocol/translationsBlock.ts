/**
 * Where a webview page finds its translations: a JSON data block the host writes into the page's
 * HTML (`renderChatHtml`), English text → the display language's, read by webview/translations.ts.
 */

export const translationsElementId = 'switchboard-translations';
