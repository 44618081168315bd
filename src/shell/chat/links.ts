/**
 * Which links from the webview the host opens. Model output is untrusted: only web and mail links
 * go to `openExternal`, and only after the user clicked one (the webview never navigates itself).
 * `command:`, `file:`, `vscode:`, `javascript:`, `data:` and every other scheme are refused.
 */

const openableSchemes: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/** The link, normalised by the URL parser, when it may be opened; undefined otherwise. */
export function openableLink(href: string): string | undefined {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return undefined;
  }
  if (!openableSchemes.has(url.protocol)) {
    return undefined;
  }
  if (url.protocol !== 'mailto:' && url.hostname.length === 0) {
    return undefined;
  }
  return url.href;
}
