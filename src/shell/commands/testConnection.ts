/**
 * "Switchboard: Test Connection": pick a provider or custom endpoint (set-up ones first), test it
 * with a cancellable progress notification, write every step to the Switchboard log, and show the
 * verdict in a modal dialog whose detail lists the steps.
 *
 * A modal, because the user asked for this answer and waits for it: the dialog shows all seven
 * steps in full (a notification truncates them and disappears), and its buttons lead to the fix
 * (Set API Key, Open Settings). The log keeps the same lines to copy into a support request.
 */

import * as vscode from 'vscode';
import { listProviders, type ConnectionReport } from '../../core';
import { bridgeCancellation } from '../api/cancellation';
import type { CustomEndpoint } from '../config';
import { connectionReportText, type ConnectionAction } from '../connectionReportText';
import type { ModelServer } from '../modelAddress';
import { endpointKeyOwner, providerKeyOwner } from '../secrets';
import { connectionChoices } from './connectionTargets';
import type { CommandServices } from './services';
import { setApiKey } from './setApiKey';

async function pickTarget(services: CommandServices): Promise<ModelServer<CustomEndpoint> | undefined> {
  const choices = connectionChoices(services.config(), new Set(await services.keys.owners()), process.env, vscode.l10n.t);
  const picked = await vscode.window.showQuickPick(
    choices.map((choice) => ({ label: choice.label, description: choice.description, detail: choice.detail, choice })),
    { title: vscode.l10n.t('Test Connection'), placeHolder: vscode.l10n.t('The provider or endpoint to test'), matchOnDescription: true, ignoreFocusOut: true },
  );
  return picked?.choice.target;
}

function labelOf(target: ModelServer<CustomEndpoint>): string {
  return target.kind === 'endpoint' ? target.endpoint.name : (listProviders().find((provider) => provider.id === target.providerId)?.displayName ?? target.providerId);
}

/** The test under a cancellable progress notification; undefined when the user cancelled it. */
async function runWithProgress(services: CommandServices, target: ModelServer<CustomEndpoint>, label: string): Promise<ConnectionReport | undefined> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Testing the connection to {0}…', label), cancellable: true },
    async (_progress, token) => {
      const bridge = bridgeCancellation(token, undefined);
      try {
        return await services.client.testConnection(target, bridge.signal ?? new AbortController().signal);
      } catch (error) {
        if (bridge.cancelled) {
          return undefined;
        }
        throw error;
      } finally {
        bridge.dispose();
      }
    },
  );
}

/** A finished test: the report, and its verdict and steps in words. */
export interface ConnectionTestResult {
  label: string;
  report: ConnectionReport;
  text: ReturnType<typeof connectionReportText>;
}

/**
 * Tests `target` under a cancellable progress notification and writes every step to the log; the
 * one way a connection is tested (this command, and Add Provider after it saved). Undefined when
 * the user cancelled the test.
 */
export async function runConnectionTest(services: CommandServices, target: ModelServer<CustomEndpoint>): Promise<ConnectionTestResult | undefined> {
  const label = labelOf(target);
  const report = await runWithProgress(services, target, label);
  if (report === undefined) {
    services.log.info(`Test Connection: ${label}: cancelled.`);
    return undefined;
  }
  const text = connectionReportText(report, label, vscode.l10n.t);
  services.log.info(`Test Connection: ${label}${report.url === '' ? '' : ` (${report.url})`}`);
  for (const line of text.lines) {
    services.log.info(`  ${line}`);
  }
  services.log.info(`  → ${text.message}`);
  return { label, report, text };
}

/** Tests `target`, or the one the user picks. */
export async function testConnection(services: CommandServices, target?: ModelServer<CustomEndpoint>): Promise<void> {
  const chosen = target ?? (await pickTarget(services));
  if (chosen === undefined) {
    return;
  }
  const result = await runConnectionTest(services, chosen);
  if (result === undefined) {
    return;
  }
  const { report, text } = result;
  const buttons: Record<ConnectionAction, string> = {
    showLog: vscode.l10n.t('Show Log'),
    setApiKey: vscode.l10n.t('Set API Key'),
    openSettings: vscode.l10n.t('Open Settings'),
  };
  const options: vscode.MessageOptions = { modal: true, detail: text.lines.join('\n') };
  const labels = text.actions.map((action) => buttons[action]);
  const picked = report.ok ? await vscode.window.showInformationMessage(text.message, options, ...labels) : await vscode.window.showWarningMessage(text.message, options, ...labels);
  const action = text.actions.find((candidate) => buttons[candidate] === picked);
  if (action === 'showLog') {
    services.log.show();
  } else if (action === 'setApiKey') {
    await setApiKey(services, chosen.kind === 'endpoint' ? endpointKeyOwner(chosen.endpoint.name) : providerKeyOwner(chosen.providerId));
  } else if (action === 'openSettings') {
    const failed = report.steps.find((step) => step.outcome === 'failed')?.name;
    const query = failed === 'tls' || failed === 'proxy' ? 'switchboard.http' : 'switchboard.';
    await vscode.commands.executeCommand('workbench.action.openSettings', query);
  }
}
