/**
 * The server's root URL. `OLLAMA_HOST` is the variable the Ollama server itself reads, and people
 * write it the server's way: `0.0.0.0:11434`, `127.0.0.1`, `myhost:11434`, without a scheme. We
 * read it as Ollama's own client does (envconfig.Host): no scheme means `http` and, without a port,
 * 11434; a bind-all address (`0.0.0.0`, `::`) means this machine when we are the client.
 */

const defaultPort = '11434';

/** Bind-all addresses a server listens on; a client reaches them as localhost. */
const anyAddress = new Set(['0.0.0.0', '[::]', '::', '']);

/** The base URL to send requests to, from the configured `api_base` / `OLLAMA_HOST`. */
export function ollamaBaseUrl(apiBase: string): string {
  const trimmed = apiBase.trim().replace(/\/+$/, '');
  const schemeEnd = trimmed.indexOf('://');
  if (schemeEnd !== -1) {
    return rewriteAnyAddress(trimmed, schemeEnd + 3);
  }
  const pathStart = trimmed.indexOf('/');
  const hostPort = pathStart === -1 ? trimmed : trimmed.slice(0, pathStart);
  const path = pathStart === -1 ? '' : trimmed.slice(pathStart);
  const { host, port } = splitHostPort(hostPort);
  return `http://${anyAddress.has(host) ? 'localhost' : host}:${port ?? defaultPort}${path}`;
}

function splitHostPort(hostPort: string): { host: string; port: string | undefined } {
  if (hostPort.startsWith('[')) {
    const close = hostPort.indexOf(']');
    const host = hostPort.slice(0, close + 1);
    const rest = hostPort.slice(close + 1);
    return { host, port: rest.startsWith(':') && rest.length > 1 ? rest.slice(1) : undefined };
  }
  const colon = hostPort.lastIndexOf(':');
  // More than one colon without brackets is a bare IPv6 address, which has no port.
  if (colon === -1 || hostPort.indexOf(':') !== colon) {
    return hostPort.includes(':') ? { host: `[${hostPort}]`, port: undefined } : { host: hostPort, port: undefined };
  }
  const port = hostPort.slice(colon + 1);
  return { host: hostPort.slice(0, colon), port: port.length > 0 ? port : undefined };
}

/** `http://0.0.0.0:11434` → `http://localhost:11434`; other URLs unchanged. */
function rewriteAnyAddress(url: string, start: number): string {
  const rest = url.slice(start);
  for (const address of ['0.0.0.0', '[::]']) {
    if (rest.startsWith(address) && (rest.length === address.length || rest[address.length] === ':' || rest[address.length] === '/')) {
      return `${url.slice(0, start)}localhost${rest.slice(address.length)}`;
    }
  }
  return url;
}
