/**
 * What the Bedrock wire tests share: the recorded ConverseStream events framed as AWS's binary
 * event stream with the official codec, and a responder that checks each request's SigV4
 * signature by signing it again with the test's keys (as AWS does), answering AWS's 403 when the
 * signature does not match.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { EventStreamCodec, type MessageHeaders } from '@smithy/eventstream-codec';
import { SignatureV4 } from '@smithy/signature-v4';
import type { CompletionParams, ModelResponse, ModelResponseChunk } from '../../src/core';
import type { FixtureMeta } from '../helpers/fixtures';
import type { useHarness } from '../helpers/llmHarness';
import type { RecordedRequest, Reply, WireServer } from '../helpers/wireServer';

export const region = 'us-east-1';
export const accessKeyId = 'AKIDSWITCHBOARDTEST1';
export const secretAccessKey = 'switchboard-test-SECRET-2c9d7e4f1a0b';
export const modelId = 'us.anthropic.claude-sonnet-4-20250514-v1:0';
const keys: AwsTestKeys = { accessKeyId, secretAccessKey };

export interface AwsTestKeys {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);

const root = join(process.cwd(), 'test', 'fixtures', 'bedrock');

export interface ChunkFixture {
  meta: FixtureMeta & { kind: string };
  /** Each recorded event: `{eventType: payload}`. */
  events: Record<string, unknown>[];
  /** The events framed as `application/vnd.amazon.eventstream`. */
  body: Buffer;
}

function frame(headers: MessageHeaders, payload: unknown): Uint8Array {
  return codec.encode({ headers, body: new TextEncoder().encode(JSON.stringify(payload)) });
}

/** One event message, as Bedrock frames it. */
export function eventFrame(eventType: string, payload: unknown): Uint8Array {
  return frame(
    {
      ':message-type': { type: 'string', value: 'event' },
      ':event-type': { type: 'string', value: eventType },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    payload,
  );
}

/** One exception message (`throttlingException`, …), as Bedrock frames a failure mid-stream. */
export function exceptionFrame(exceptionType: string, payload: unknown): Uint8Array {
  return frame(
    {
      ':message-type': { type: 'string', value: 'exception' },
      ':exception-type': { type: 'string', value: exceptionType },
      ':content-type': { type: 'string', value: 'application/json' },
    },
    payload,
  );
}

export function loadChunkFixture(name: string): ChunkFixture {
  const meta = JSON.parse(readFileSync(join(root, `${name}.json`), 'utf8')) as ChunkFixture['meta'];
  const lines = readFileSync(join(root, `${name}.chunks.txt`), 'utf8').split('\n').filter((line) => line.trim().length > 0);
  const events = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  const body = Buffer.concat(
    events.map((event) => {
      const [type, payload] = Object.entries(event)[0] as [string, unknown];
      return eventFrame(type, payload);
    }),
  );
  return { meta, events, body };
}

export function loadJsonFixture(name: string): { meta: ChunkFixture['meta']; body: string } {
  return { meta: JSON.parse(readFileSync(join(root, `${name}.json`), 'utf8')) as ChunkFixture['meta'], body: readFileSync(join(root, `${name}.body`), 'utf8') };
}

export const eventStreamHeaders = { 'content-type': 'application/vnd.amazon.eventstream', 'x-amzn-requestid': 'req-bedrock-test-1' };

/** AWS's answer to a request signed with the wrong secret. */
export const invalidSignatureReply: Reply = {
  status: 403,
  headers: { 'content-type': 'application/json', 'x-amzn-errortype': 'InvalidSignatureException:http://internal.amazon.com/coral/com.amazon.coral.service/' },
  body: JSON.stringify({
    message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
  }),
};

function header(request: RecordedRequest, name: string): string {
  const value = request.headers[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** The time the request says it was signed (`x-amz-date`, `20261206T153000Z`). */
function signingDate(amzDate: string): Date {
  const iso = `${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`;
  return new Date(iso);
}

/**
 * True when the request's Authorization is what signing it with `keys` gives: the headers it
 * names as signed, the path as received and the body, at its own `x-amz-date`.
 */
export async function signatureValid(request: RecordedRequest, keys: AwsTestKeys): Promise<boolean> {
  const authorization = header(request, 'authorization');
  const signedNames = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(';') ?? [];
  if (signedNames.length === 0) {
    return false;
  }
  const headers: Record<string, string> = {};
  for (const name of signedNames) {
    headers[name] = header(request, name);
  }
  const [host, port] = header(request, 'host').split(':');
  // AWS signs the path and the decoded query pairs apart, as the client does.
  const received = new URL(request.url, 'http://loopback');
  const signer = new SignatureV4({ credentials: keys, region, service: 'bedrock', sha256: Sha256 });
  const resigned = await signer.sign(
    { method: request.method, protocol: 'http:', hostname: host ?? '', port: port === undefined ? undefined : Number(port), path: received.pathname, query: Object.fromEntries(received.searchParams), headers, body: request.body },
    { signingDate: signingDate(header(request, 'x-amz-date')) },
  );
  return resigned.headers['authorization'] === authorization;
}

/** A Converse call to `server`, signed with the test's keys. */
export function bedrockCall(server: WireServer, extra: Partial<CompletionParams> = {}): CompletionParams {
  return {
    model: `bedrock/${modelId}`,
    messages: [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'How many r are in strawberry?' },
    ],
    aws_access_key_id: accessKeyId,
    aws_secret_access_key: secretAccessKey,
    aws_region_name: region,
    aws_bedrock_runtime_endpoint: server.url,
    ...extra,
  };
}

/** Answers `reply` to a correctly signed request, AWS's 403 to any other. */
export function signed(reply: Reply, signingKeys: AwsTestKeys = keys): (request: RecordedRequest) => Promise<Reply> {
  return async (request) => ((await signatureValid(request, signingKeys)) ? reply : invalidSignatureReply);
}

/** The facts the fixture records, read off the response the client assembled. */
export function observed(response: ModelResponse): Record<string, unknown> {
  const choice = response.choices[0];
  const calls = choice?.message.tool_calls?.map((call, index) => ({ index, id: call.id, name: call.function.name, arguments: call.function.arguments }));
  const facts: Record<string, unknown> = {
    text: choice?.message.content ?? null,
    finish_reason: choice?.native_finish_reason,
    finish_reason_normalized: choice?.finish_reason,
    usage: { prompt_tokens: response.usage?.prompt_tokens, completion_tokens: response.usage?.completion_tokens, total_tokens: response.usage?.total_tokens },
  };
  if (calls !== undefined) {
    facts['tool_calls'] = calls;
  }
  return facts;
}

export async function streamed(params: CompletionParams, client: ReturnType<ReturnType<typeof useHarness>['client']>): Promise<ModelResponseChunk[]> {
  const chunks: ModelResponseChunk[] = [];
  for await (const chunk of await client.completion({ ...params, stream: true })) {
    chunks.push(chunk);
  }
  return chunks;
}
