/**
 * Plain words for what the probes throw, and the certificate facts a TLS step reports.
 */

import type { PeerCertificate } from 'node:tls';
import { errorMessage } from '../errors';
import { errorCode } from '../http/transportErrors';

const codeWords: Record<string, string> = {
  ENOTFOUND: 'no such host',
  EAI_AGAIN: 'the name server did not answer',
  EAI_NONAME: 'no such host',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'no answer in time',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPROTO: 'the other side does not speak TLS here',
  PROBE_TIMEOUT: 'no answer in time',
};

/** "connection refused (ECONNREFUSED)", "no answer within 10 s", or the error's own message. */
export function failureWords(error: unknown): string {
  const code = errorCode(error);
  if (code === 'PROBE_TIMEOUT') {
    return errorMessage(error);
  }
  const words = code === undefined ? undefined : codeWords[code];
  return words === undefined ? errorMessage(error) : `${words} (${code})`;
}

function name(entity: Record<string, string | string[] | undefined> | undefined): string {
  if (entity === undefined) {
    return 'unknown';
  }
  const parts = ['CN', 'O', 'OU']
    .map((field) => {
      const value = entity[field];
      return value === undefined ? undefined : `${field}=${Array.isArray(value) ? value.join('+') : value}`;
    })
    .filter((part): part is string => part !== undefined);
  return parts.length === 0 ? 'unknown' : parts.join(', ');
}

/** "subject CN=…; issuer CN=…; valid until 2026-11-25; names DNS:localhost, IP Address:127.0.0.1". */
export function certificateFacts(certificate: PeerCertificate | undefined): string {
  if (certificate === undefined || Object.keys(certificate).length === 0) {
    return 'The server sent no certificate.';
  }
  const validTo = new Date(certificate.valid_to);
  const until = Number.isNaN(validTo.getTime()) ? certificate.valid_to : validTo.toISOString().slice(0, 10);
  const facts = [
    `subject ${name(certificate.subject)}`,
    `issuer ${name(certificate.issuer)}`,
    `valid until ${until}`,
  ];
  if (certificate.subjectaltname !== undefined && certificate.subjectaltname.length > 0) {
    facts.push(`names ${certificate.subjectaltname}`);
  }
  return `Certificate: ${facts.join('; ')}.`;
}
