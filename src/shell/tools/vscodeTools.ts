/**
 * VS Code's tools (`vscode.lm.tools`: those other extensions register, and VS Code's own) as a
 * `ToolSource` ("VS Code"). The list is read live on every look; the stable API has no event for
 * it, so a change of the installed or enabled extensions — what adds and removes tools — is told
 * as a change. A call goes through `vscode.lm.invokeTool` outside any chat request (no invocation
 * token), with the call's AbortSignal bridged to a CancellationToken that is always disposed; the
 * result's parts are mapped in `vscodeToolResults.ts`.
 */

import * as vscode from 'vscode';
import { tokenFor } from '../lm/vscodeLmHost';
import { fromVscodePart } from '../lm/vscodeParts';
import type { ToolCallOptions, ToolOutput, ToolSource, ToolSourceStatus } from './toolTypes';
import { vscodeToolDescriptor, vscodeToolOutput, type VscodeToolPiece } from './vscodeToolResults';

function pieceOf(part: unknown): VscodeToolPiece {
  return part instanceof vscode.LanguageModelPromptTsxPart ? { kind: 'promptTsx', value: part.value } : fromVscodePart(part);
}

export class VscodeToolSource implements ToolSource {
  readonly id = 'vscode';
  readonly kind = 'vscode' as const;
  readonly label = 'VS Code';

  status(): ToolSourceStatus {
    return { state: 'ready', tools: vscode.lm.tools.map(vscodeToolDescriptor) };
  }

  start(): Promise<ToolSourceStatus> {
    return Promise.resolve(this.status());
  }

  async call(name: string, args: Record<string, unknown>, options: ToolCallOptions): Promise<ToolOutput> {
    const bridge = tokenFor(options.signal);
    try {
      const result = await vscode.lm.invokeTool(name, { input: args, toolInvocationToken: undefined }, bridge.token);
      return vscodeToolOutput(result.content.map(pieceOf));
    } finally {
      bridge.dispose();
    }
  }

  onDidChange(listener: () => void): { dispose(): void } {
    return vscode.extensions.onDidChange(listener);
  }

  dispose(): void {
    // Nothing was started: the tools belong to VS Code and the extensions that registered them.
  }
}
