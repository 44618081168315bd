/**
 * The nonce of the webview's Content-Security-Policy: the only scripts that run carry it. 256 bits
 * from the operating system's CSPRNG, new for every HTML render (never `Math.random`).
 */

import { randomBytes } from 'node:crypto';

/** 43 characters of base64url (`A–Z a–z 0–9 - _`): valid in a CSP nonce source and an HTML attribute. */
export function createNonce(): string {
  return randomBytes(32).toString('base64url');
}
