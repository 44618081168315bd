/**
 * Certificates made with openssl at test time, in a temp dir: a root CA; a server certificate for
 * 127.0.0.1/localhost signed by it; one shaped like a company's, signed by an intermediate CA the
 * root signed (the server sends both, so trusting the root is enough); an unrelated CA (to build
 * bundles); a certificate for another host name; and a self-signed server certificate.
 * Nothing is checked in, so nothing expires in the repository.
 */

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificates {
  dir: string;
  /** The test CA's certificate (PEM file path and contents). */
  caFile: string;
  caPem: string;
  /** A CA that signed nothing here: put first in a bundle, it must not hide the right one. */
  otherCaFile: string;
  otherCaPem: string;
  /** The server's key and certificate, signed by the root CA, for IP:127.0.0.1 and DNS:localhost. */
  server: { key: string; cert: string };
  /** The same names, signed by the intermediate CA; `cert` is the chain (leaf + intermediate). */
  chained: { key: string; cert: string };
  /** Like `chained`, but for DNS:other.example only. */
  wrongName: { key: string; cert: string };
  /** A self-signed server certificate for the same names. */
  selfSigned: { key: string; cert: string; file: string };
  remove(): void;
}

const setupHint = 'openssl is missing: run test/e2e/setup.sh (it installs the Debian package), or set OPENSSL to its path.';
const names = 'subjectAltName=IP:127.0.0.1,DNS:localhost';

function opensslPath(): string {
  const candidates = [process.env['OPENSSL'], '/usr/bin/openssl', '/usr/local/bin/openssl'];
  const found = candidates.find((path): path is string => path !== undefined && path.length > 0 && existsSync(path));
  assert.ok(found !== undefined, setupHint);
  return found;
}

/** Generates everything into a fresh temp dir (EC keys: fast). */
export function generateCertificates(): TestCertificates {
  const openssl = opensslPath();
  const dir = mkdtempSync(join(tmpdir(), 'switchboard-certs-'));
  const at = (name: string): string => join(dir, name);
  const run = (...args: string[]): void => {
    execFileSync(openssl, args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const newKey = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const caExtensions = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];

  run('req', '-x509', ...newKey, '-keyout', at('ca.key'), '-out', at('ca.pem'), '-days', '2', '-subj', '/CN=Switchboard Test CA', ...caExtensions);
  run('req', '-x509', ...newKey, '-keyout', at('other-ca.key'), '-out', at('other-ca.pem'), '-days', '2', '-subj', '/CN=Unrelated Test CA', ...caExtensions);
  run('req', ...newKey, '-keyout', at('intermediate.key'), '-out', at('intermediate.csr'), '-subj', '/CN=Switchboard Test Intermediate CA');
  writeFileSync(at('intermediate.ext'), 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n');
  run('x509', '-req', '-in', at('intermediate.csr'), '-CA', at('ca.pem'), '-CAkey', at('ca.key'), '-CAcreateserial', '-out', at('intermediate.pem'), '-days', '2', '-extfile', at('intermediate.ext'));
  const leaf = (name: string, commonName: string, subjectAltName: string, issuer: 'ca' | 'intermediate'): void => {
    run('req', ...newKey, '-keyout', at(`${name}.key`), '-out', at(`${name}.csr`), '-subj', `/CN=${commonName}`);
    writeFileSync(at(`${name}.ext`), `${subjectAltName}\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n`);
    run('x509', '-req', '-in', at(`${name}.csr`), '-CA', at(`${issuer}.pem`), '-CAkey', at(`${issuer}.key`), '-CAcreateserial', '-out', at(`${name}.pem`), '-days', '2', '-extfile', at(`${name}.ext`));
  };
  leaf('server', '127.0.0.1', names, 'ca');
  leaf('chained', '127.0.0.1', names, 'intermediate');
  leaf('wrong-name', 'other.example', 'subjectAltName=DNS:other.example', 'intermediate');
  run('req', '-x509', ...newKey, '-keyout', at('self.key'), '-out', at('self.pem'), '-days', '2', '-subj', '/CN=localhost', '-addext', names);

  const read = (name: string): string => readFileSync(at(name), 'utf8');
  return {
    dir,
    caFile: at('ca.pem'),
    caPem: read('ca.pem'),
    otherCaFile: at('other-ca.pem'),
    otherCaPem: read('other-ca.pem'),
    server: { key: read('server.key'), cert: read('server.pem') },
    chained: { key: read('chained.key'), cert: read('chained.pem') + read('intermediate.pem') },
    wrongName: { key: read('wrong-name.key'), cert: read('wrong-name.pem') + read('intermediate.pem') },
    selfSigned: { key: read('self.key'), cert: read('self.pem'), file: at('self.pem') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
