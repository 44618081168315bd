/**
 * A connection test's report in plain words: the verdict ("Connection to OpenAI works: …" /
 * "Connection to OpenAI failed at TLS: …"), one line per step for the dialog and the log, and the
 * buttons that help with the step that failed. Without `vscode`, so it is tested in plain Node.
 */

import type { ConnectionReport, ConnectionStep, ConnectionStepName } from '../core';
import { maskSecrets } from './chat/userErrors';
import type { Localize } from './chat/localize';

/** What the dialog offers besides closing it. */
export type ConnectionAction = 'showLog' | 'setApiKey' | 'openSettings';

export interface ConnectionReportText {
  /** The verdict, one or two sentences. */
  message: string;
  /** The steps in order, each with its outcome, then its detail indented. */
  lines: string[];
  actions: ConnectionAction[];
}

/** A step's name as a label: the start of its line, and the step a failure names. */
function stepName(name: ConnectionStepName, localize: Localize): string {
  switch (name) {
    case 'settings':
      return localize('Settings');
    case 'proxy':
      return localize('Proxy');
    case 'dns':
      return localize('DNS');
    case 'tcp':
      return localize('TCP');
    case 'tls':
      return localize('TLS');
    case 'http':
      return localize('HTTP');
    case 'auth':
      return localize('Key');
  }
}

/** A step's name inside the verdict's list ("proxy, DNS, TCP, TLS, HTTP and key"). */
function listedStepName(name: ConnectionStepName, localize: Localize): string {
  switch (name) {
    case 'proxy':
      return localize('proxy');
    case 'auth':
      return localize('key');
    default:
      return stepName(name, localize);
  }
}

const marks = { passed: '✓', failed: '✗', skipped: '–' } as const;

/**
 * "a, b and c" in the bundle's language: the list sits inside a translated sentence, so its
 * separator and conjunction are translated with it (Intl.ListFormat with VS Code's display
 * language would put, say, a Korean conjunction into the English sentence a language without a
 * bundle falls back to). Two patterns, as CLDR's list patterns: the items before the last joined
 * by "{0}, {1}", the last one by "{0} and {1}".
 */
function joined(words: readonly string[], localize: Localize): string {
  const last = words[words.length - 1];
  if (last === undefined || words.length === 1) {
    return last ?? '';
  }
  const head = words.slice(0, -1).reduce((list, word) => localize('{0}, {1}', list, word));
  return localize('{0} and {1}', head, last);
}

function stepLines(step: ConnectionStep, localize: Localize): string[] {
  const name = stepName(step.name, localize);
  const said = {
    passed: () => localize('{0} passed: {1}', name, step.summary),
    failed: () => localize('{0} FAILED: {1}', name, step.summary),
    skipped: () => localize('{0} skipped: {1}', name, step.summary),
  }[step.outcome]();
  const lines = [`${marks[step.outcome]} ${said}`];
  if (step.detail !== undefined) {
    lines.push(`    ${step.detail}`);
  }
  return lines.map(maskSecrets);
}

/** What to do after a failed step, in the extension's words (the core's detail says the rest). */
function advice(step: ConnectionStep, localize: Localize): { text?: string; actions: ConnectionAction[] } {
  switch (step.name) {
    case 'auth':
      return { text: localize("Set the key with 'Switchboard: Set API Key'."), actions: ['setApiKey', 'showLog'] };
    case 'proxy':
      return {
        text: localize("The proxy comes from the provider's 'proxy', 'switchboard.http.proxy', VS Code's 'http.proxy' (with 'http.proxyAuthorization'), or HTTPS_PROXY, in that order."),
        actions: ['openSettings', 'showLog'],
      };
    case 'tls':
      return { text: localize("A company CA goes in 'switchboard.http.caCertificates'; a server's own CA in the provider's 'caCertificates'."), actions: ['openSettings', 'showLog'] };
    default:
      return { actions: ['openSettings', 'showLog'] };
  }
}

/** The report as the user reads it; `label` names what was tested (a provider, or an endpoint's name). */
export function connectionReportText(report: ConnectionReport, label: string, localize: Localize): ConnectionReportText {
  const lines = report.steps.flatMap((step) => stepLines(step, localize));
  const failed = report.steps.find((step) => step.outcome === 'failed');
  if (failed !== undefined) {
    const help = advice(failed, localize);
    const verdict = localize('Connection to {0} failed at {1}: {2}', label, stepName(failed.name, localize), failed.summary);
    return { message: maskSecrets(help.text === undefined ? verdict : `${verdict} ${help.text}`), lines, actions: help.actions };
  }
  const passed = report.steps.filter((step) => step.outcome === 'passed' && step.name !== 'settings').map((step) => listedStepName(step.name, localize));
  if (passed.length === 0) {
    return { message: maskSecrets(report.steps[0]?.summary ?? localize('Nothing to test.')), lines, actions: ['showLog'] };
  }
  const auth = report.steps.find((step) => step.name === 'auth');
  const later = auth?.outcome === 'skipped' ? ` ${auth.summary}` : '';
  const verdict = passed.length === 1 ? localize('Connection to {0} works: {1} passed.', label, joined(passed, localize)) : localize('Connection to {0} works: {1} all passed.', label, joined(passed, localize));
  return { message: maskSecrets(`${verdict}${later}`), lines, actions: ['showLog'] };
}
