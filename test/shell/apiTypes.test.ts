/**
 * `api.d.ts` — the self-contained types consumers copy, and the ones the extension implements —
 * against the core's types. The type checks are compile-time (`npm run typecheck` fails when a shape
 * drifts: each `Same<A, B>` must be `true`); the runtime checks prove the file stands alone
 * (no imports, compiles with no other types), ships in the .vsix, and names every error the
 * core can throw.
 */

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import ts from 'typescript';
import type * as vscode from 'vscode';
import type * as Public from '../../api';
import * as Core from '../../src/core';
import { ApiAbortError } from '../../src/shell/api/apiErrors';

/** True when each type is assignable to the other. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** Same, and with the same field names (an optional field only one side has is assignable both ways). */
type Alike<A, B> = Same<A, B> extends true ? Same<keyof A, keyof B> : false;

// Each line fails to compile when the public declaration and the core (or the internal API) drift apart.
const shapes: Record<string, true> = {
  Message: true satisfies Alike<Public.Message, Core.Message>,
  ContentPart: true satisfies Alike<Public.ContentPart, Core.ContentPart>,
  ThinkingBlock: true satisfies Alike<Public.ThinkingBlock, Core.ThinkingBlock>,
  Tool: true satisfies Alike<Public.Tool, Core.Tool>,
  ToolChoice: true satisfies Alike<Public.ToolChoice, Core.ToolChoice>,
  ToolCall: true satisfies Alike<Public.ToolCall, Core.ToolCall>,
  ResponseFormat: true satisfies Alike<Public.ResponseFormat, Core.ResponseFormat>,
  CallOptions: true satisfies Alike<Public.CallOptions, Core.CallOptions>,
  Fallback: true satisfies Alike<Public.Fallback, Core.Fallback>,
  CompletionParams: true satisfies Alike<Public.CompletionParams, Core.CompletionParams>,
  EmbeddingParams: true satisfies Alike<Public.EmbeddingParams, Core.EmbeddingParams>,
  Usage: true satisfies Alike<Public.Usage, Core.Usage>,
  ModelResponse: true satisfies Alike<Public.ModelResponse, Core.ModelResponse>,
  ModelResponseChunk: true satisfies Alike<Public.ModelResponseChunk, Core.ModelResponseChunk>,
  EmbeddingResponse: true satisfies Alike<Public.EmbeddingResponse, Core.EmbeddingResponse>,
  ModelInfo: true satisfies Alike<Public.ModelInfo, Core.ModelInfo>,
  ListedModel: true satisfies Alike<Public.ListedModel, Core.ListedModel>,
  // VS Code's own token and event fit what the API takes and offers.
  VscodeToken: true satisfies Same<vscode.CancellationToken extends Public.CancellationTokenLike ? true : false, true>,
  VscodeEvent: true satisfies Same<Public.ModelsChangedEvent extends vscode.Event<void> ? true : false, true>,
  // What callers read on an error is what the core's errors carry.
  ErrorFields: true satisfies Same<
    Pick<Core.LLMError, 'status_code' | 'llm_provider' | 'model' | 'param' | 'code' | 'request_id' | 'retry_after' | 'retryable' | 'partial_response'> extends Pick<
      Public.SwitchboardError,
      'status_code' | 'llm_provider' | 'model' | 'param' | 'code' | 'request_id' | 'retry_after' | 'retryable' | 'partial_response'
    >
      ? true
      : false,
    true
  >,
};

/** The error names api.d.ts promises, as values (the type check below keeps the list equal to its union). */
const errorNames = [
  'BadRequestError',
  'ContextWindowExceededError',
  'ContentPolicyViolationError',
  'UnsupportedParamsError',
  'AuthenticationError',
  'PermissionDeniedError',
  'NotFoundError',
  'UnprocessableEntityError',
  'RateLimitError',
  'Timeout',
  'APIConnectionError',
  'InternalServerError',
  'ServiceUnavailableError',
  'APIError',
  'AbortError',
] as const;
const namesMatch: Same<(typeof errorNames)[number], Public.SwitchboardErrorName> = true;

describe('api.d.ts, the types consumers copy', () => {
  it('matches the core (checked when this file compiles)', () => {
    assert.deepStrictEqual({ checked: Object.keys(shapes).length, namesMatch }, { checked: 20, namesMatch: true });
  });

  it("stands alone: no imports, and it compiles with nothing but the standard library and Node's types (for AbortSignal)", () => {
    const text = readFileSync('api.d.ts', 'utf8');
    // Checked as a .ts file: skipLibCheck then skips Node's types but not this one.
    const options: ts.CompilerOptions = { strict: true, noEmit: true, lib: ['lib.es2022.d.ts'], types: ['node'], skipLibCheck: true };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const fileExists = host.fileExists.bind(host);
    const consumerCopy = `${process.cwd()}/switchboard-api.ts`;
    host.readFile = (name) => (name === consumerCopy ? text : readFile(name));
    host.fileExists = (name) => name === consumerCopy || fileExists(name);
    const program = ts.createProgram([consumerCopy], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    assert.deepStrictEqual({ imports: /^\s*(import|export .* from|\/\/\/ <reference)/m.test(text), problems }, { imports: false, problems: [] });
  });

  it('ships in the .vsix', () => {
    const ignore = readFileSync('.vscodeignore', 'utf8').split('\n').map((line) => line.trim());
    assert.ok(ignore.includes('!api.d.ts'));
  });

  it('names every error class the core exports, and the API’s cancel', () => {
    const classes = (Object.values(Core) as unknown[]).filter(
      (value): value is new (init: Core.LLMErrorInit) => Core.LLMError => typeof value === 'function' && (value as { prototype?: unknown }).prototype instanceof Core.LLMError,
    );
    const names = [...classes.map((ErrorClass) => new ErrorClass({ message: 'x' }).name), new ApiAbortError('openai').name].sort();
    assert.deepStrictEqual(names, [...errorNames].sort());
  });
});
