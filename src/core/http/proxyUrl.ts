/**
 * Proxy URLs carry passwords. These two functions are the only places that look inside the
 * userinfo: one to build the Proxy-Authorization header, one to print the URL without it.
 */

/** 'http://proxy.corp:3128', with any user:pass shown as '***' — safe for messages and logs. */
export function describeProxy(url: URL): string {
  const credentials = url.username !== '' || url.password !== '' ? '***@' : '';
  return `${url.protocol}//${credentials}${url.host}`;
}

/** `Basic base64(user:pass)` from the URL's percent-decoded userinfo, or undefined when it has none. */
export function proxyAuthorizationFrom(url: URL): string | undefined {
  if (url.username === '' && url.password === '') {
    return undefined;
  }
  const user = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

/** The URL without userinfo: the credentials travel in the Proxy-Authorization header instead. */
export function withoutUserinfo(url: URL): URL {
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return bare;
}
