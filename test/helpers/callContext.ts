/**
 * A provider call's context as the client would hand it to an adapter, for tests that drive a
 * mapper or an adapter directly: no HTTP stack, no logging, nothing remembered between calls.
 */

import { silentLogger } from '../../src/core/logger';
import type { CallContext } from '../../src/core/providers/types';

export interface TestCall {
  providerId: string;
  displayName: string;
  /** `provider/model`, as the caller wrote it. */
  requestedModel: string;
  apiBase?: string;
  apiKey: string;
}

export function testCallContext(call: TestCall): CallContext {
  const modelId = call.requestedModel.slice(call.requestedModel.indexOf('/') + 1);
  return {
    provider: { id: call.providerId, displayName: call.displayName, apiBase: call.apiBase ?? 'http://127.0.0.1:9/v1', apiKey: call.apiKey, apiVersion: undefined, headers: {} },
    modelId,
    requestedModel: call.requestedModel,
    timeoutMs: 1000,
    signal: undefined,
    http: undefined,
    logger: silentLogger,
    memory: { has: () => false, add: () => undefined },
    memo: new Map(),
  };
}
