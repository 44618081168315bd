/**
 * The consent question, as VS Code shows it: a modal naming the extension, Allow / Deny (the
 * modal's own Cancel, or Escape, answers nothing).
 */

import * as vscode from 'vscode';
import type { AccessDecision } from './consent';

/** The name people know an extension by: its display name, else its id. */
export function extensionDisplayName(extensionId: string): string {
  const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { displayName?: unknown } | undefined;
  const name = manifest?.displayName;
  return typeof name === 'string' && name.trim().length > 0 && !name.startsWith('%') ? name.trim() : extensionId;
}

export async function askForAccess(extensionId: string): Promise<AccessDecision | undefined> {
  const allow = vscode.l10n.t('Allow');
  const deny = vscode.l10n.t('Deny');
  const answer = await vscode.window.showInformationMessage(
    vscode.l10n.t('{0} wants to use your Switchboard models.', extensionDisplayName(extensionId)),
    {
      modal: true,
      detail: vscode.l10n.t(
        "The extension '{0}' will send requests through Switchboard with your settings and keys; it never sees your keys. Its tokens and cost are counted, and you can revoke access at any time with 'Switchboard: Manage Extension Access'.",
        extensionId,
      ),
    },
    allow,
    deny,
  );
  if (answer === allow) {
    return 'allowed';
  }
  return answer === deny ? 'denied' : undefined;
}
