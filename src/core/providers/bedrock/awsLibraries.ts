/**
 * Every AWS library the core uses, in one module the Bedrock adapter loads with a dynamic
 * `import()` on its first call: SigV4 signing, SHA-256, the event-stream codec and the credential
 * providers are large, and a program that never calls Bedrock should not load them. The
 * extension's build emits this module as its own file for the same reason.
 */

import { Sha256 } from '@aws-crypto/sha256-js';
import { fromIni, fromNodeProviderChain } from '@aws-sdk/credential-providers';
import { EventStreamCodec } from '@smithy/eventstream-codec';
import { SignatureV4 } from '@smithy/signature-v4';
import type { EventStreamMessageDecoder } from '../../http/eventStream';

const textDecoder = new TextDecoder('utf-8');
const textEncoder = new TextEncoder();

/** A decoder of one whole event-stream message; throws for a bad prelude, CRC or length. */
function eventStreamMessageDecoder(): EventStreamMessageDecoder {
  const codec = new EventStreamCodec(
    (bytes: Uint8Array) => textDecoder.decode(bytes),
    (text) => textEncoder.encode(text),
  );
  return (bytes) => codec.decode(bytes);
}

export const awsLibraries = { Sha256, SignatureV4, fromIni, fromNodeProviderChain, eventStreamMessageDecoder };

export type AwsLibraries = typeof awsLibraries;
