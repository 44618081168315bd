/**
 * "Switchboard: Manage Extension Access": the extensions that asked to use the API, each with its
 * decision, requests, tokens and cost; picking one offers Allow, Deny (revoke) or Forget. With a
 * team gateway set up, its line on the member's key (spend and budget) heads the list.
 */

import * as vscode from 'vscode';
import { extensionDisplayName } from './accessPrompt';
import { accessRows, actionsFor, describeDecision, describeUsage, type AccessAction, type AccessRow } from './accessRows';
import type { ConsentStore } from './consent';
import type { UsageLedger } from './usageLedger';

export interface ManageAccessServices {
  consent: ConsentStore;
  ledger: UsageLedger;
  enabled: () => boolean;
  log: { info(message: string): void };
  /** What the team gateway says the member's key has spent: every extension's calls through it count there. */
  gatewayKeyNote: () => Promise<string | undefined>;
}

function actionLabel(action: AccessAction): { label: string; detail: string } {
  switch (action) {
    case 'allow':
      return { label: vscode.l10n.t('$(check) Allow'), detail: vscode.l10n.t('It may use your Switchboard models.') };
    case 'deny':
      return { label: vscode.l10n.t('$(circle-slash) Deny'), detail: vscode.l10n.t('Its calls fail with PermissionDeniedError until you allow it.') };
    case 'forget':
      return { label: vscode.l10n.t('$(trash) Forget'), detail: vscode.l10n.t('Clears its decision and usage; its next call asks you again.') };
  }
}

export async function manageExtensionAccess(services: ManageAccessServices): Promise<void> {
  const rows = accessRows(services.consent.list(), services.ledger.list());
  const gatewayNote = await services.gatewayKeyNote();
  if (rows.length === 0) {
    const none = vscode.l10n.t('No extension has asked to use your Switchboard models yet.');
    void vscode.window.showInformationMessage(gatewayNote === undefined ? none : `${none} ${gatewayNote}.`);
    return;
  }
  const localize = vscode.l10n.t;
  const items: (vscode.QuickPickItem & { row?: AccessRow })[] = rows.map((row) => ({
    label: extensionDisplayName(row.extensionId),
    description: `${row.extensionId} · ${describeDecision(row.decision, localize)}`,
    detail: describeUsage(row.usage, localize),
    row,
  }));
  if (gatewayNote !== undefined) {
    // A separator: the gateway's spend is everyone's calls together, not a row to act on.
    items.unshift({ label: `${vscode.l10n.t('Team gateway')} · ${gatewayNote}`, kind: vscode.QuickPickItemKind.Separator });
  }
  const chosen = await vscode.window.showQuickPick(
    items,
    {
      title: vscode.l10n.t('Manage Extension Access'),
      placeHolder: services.enabled()
        ? vscode.l10n.t('The extensions that asked to use your Switchboard models')
        : vscode.l10n.t('The API is off (switchboard.api.enabled): every call is refused whatever is allowed here'),
      matchOnDescription: true,
    },
  );
  const picked = chosen?.row === undefined ? undefined : { label: chosen.label, row: chosen.row };
  if (picked === undefined) {
    return;
  }
  const action = await vscode.window.showQuickPick(
    actionsFor(picked.row).map((candidate) => ({ ...actionLabel(candidate), action: candidate })),
    { title: picked.label, placeHolder: `${describeDecision(picked.row.decision, localize)} · ${describeUsage(picked.row.usage, localize)}` },
  );
  if (action === undefined) {
    return;
  }
  const extensionId = picked.row.extensionId;
  if (action.action === 'forget') {
    await services.consent.forget(extensionId);
    await services.ledger.forget(extensionId);
  } else {
    await services.consent.set(extensionId, action.action === 'allow' ? 'allowed' : 'denied');
  }
  services.log.info(`Extension access: ${extensionId} → ${action.action}.`);
}
