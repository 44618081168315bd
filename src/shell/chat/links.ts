/**
 * Which links from the webview the host opens. Model output is untrusted: only web and mail links
 * go to `openExternal`, and only after the user clicked one (the webview never navigates itself).
 * `command:`, `file:`, `vscode:`, `javascript:`, `data:` and every other scheme are refused.
 *
 * The host cannot tell a click from a message a compromised view forged, so a mail link opens as
 * one address and nothing else: its query (`?attach=`, `body=`, `cc=`, `bcc=`, `subject=`) would
 * let the page fill a mail with a file to attach, text or more recipients, which some mail clients
 * send on with a single key press.
 */

const openableSchemes: ReadonlySet<string> = new Set(['http:', 'https:', 'mailto:']);

/**
 * One plain address (`name@example.com`): no percent-escapes, so nothing the mail client decodes
 * can turn back into a `?`, `&` or a second address.
 */
const mailAddress = /^[A-Za-z0-9.!#$'*+/=^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;

/** `mailto:` with the link's one address only; undefined when it names none, or more than one. */
function mailLink(url: URL): string | undefined {
  const address = url.pathname;
  return mailAddress.test(address) ? `mailto:${address}` : undefined;
}

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
  if (url.protocol === 'mailto:') {
    return mailLink(url);
  }
  if (url.hostname.length === 0) {
    return undefined;
  }
  return url.href;
}
