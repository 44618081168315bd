/**
 * The certificates a request trusts when it names CA files. Passing `ca` to Node replaces its
 * default trust store — the bundled roots AND the NODE_EXTRA_CA_CERTS Node read at start-up — so
 * both are added back here, and a company CA adds to what works rather than replacing it.
 */

import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { rootCertificates } from 'node:tls';
import { APIConnectionError, errorMessage } from '../errors';
import { expandHome } from '../homePath';
import type { Environment } from '../environment';

/** Where a CA file was named, so the error can send the user there. */
export type CertificateSource = 'call' | 'settings' | 'default';

const pemCertificate = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * Node's roots + NODE_EXTRA_CA_CERTS (from env) + the given PEM files. A missing, unreadable or
 * certificate-less file fails with an APIConnectionError naming the path and where it was set.
 * Files are read on every call, so a fixed or replaced file counts on the next request.
 */
export async function loadTrustedCertificates(caFiles: readonly string[], env: Environment, source: CertificateSource = 'settings'): Promise<string[]> {
  return [...rootCertificates, ...(await loadExtraCertificates(caFiles, env, source))];
}

/** Only the certificates added to Node's roots: NODE_EXTRA_CA_CERTS's and the given files'. */
export async function loadExtraCertificates(caFiles: readonly string[], env: Environment, source: CertificateSource = 'settings'): Promise<string[]> {
  const named = source === 'call' ? "'ssl_verify'" : 'the caCertificates setting';
  const files = caFiles.map((file) => ({ file, named }));
  const extra = env['NODE_EXTRA_CA_CERTS']?.trim();
  if (extra !== undefined && extra.length > 0) {
    files.unshift({ file: extra, named: 'NODE_EXTRA_CA_CERTS' });
  }
  const loaded = await Promise.all(files.map(({ file, named: where }) => certificatesIn(file, where)));
  return loaded.flat();
}

async function certificatesIn(file: string, named: string): Promise<string[]> {
  // Other relative paths are relative to the working directory.
  const path = resolve(expandHome(file.trim()));
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as { code?: unknown }).code === 'ENOENT' ? 'it does not exist' : `it cannot be read (${errorMessage(error)})`;
    throw unusable(path, named, reason, error);
  }
  const certificates = text.match(pemCertificate) ?? [];
  if (certificates.length === 0) {
    throw unusable(path, named, 'it holds no PEM certificate (-----BEGIN CERTIFICATE-----)', undefined);
  }
  for (const [index, certificate] of certificates.entries()) {
    try {
      new X509Certificate(certificate);
    } catch (error) {
      throw unusable(path, named, `certificate ${index + 1} in it is damaged (${errorMessage(error)})`, error);
    }
  }
  return certificates;
}

function unusable(path: string, named: string, reason: string, cause: unknown): APIConnectionError {
  return new APIConnectionError({
    message: `The CA certificate file ${path} (from ${named}) cannot be used: ${reason}. Fix the path or the file.`,
    code: 'CA_FILE_UNUSABLE',
    // Retrying the same request will not fix a file; the next request reads it again.
    retryable: false,
    cause,
  });
}
