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

const stepWords: Record<ConnectionStepName, string> = {
  settings: 'Settings',
  proxy: 'Proxy',
  dns: 'DNS',
  tcp: 'TCP',
  tls: 'TLS',
  http: 'HTTP',
  auth: 'Key',
};

/** The names in the verdict's list ("proxy, DNS, TCP, TLS, HTTP and key"). */
const listWords: Record<ConnectionStepName, string> = { ...stepWords, proxy: 'proxy', auth: 'key' };

const marks = { passed: '✓', failed: '✗', skipped: '–' } as const;

function joined(words: string[], localize: Localize): string {
  if (words.length <= 1) {
    return words.join('');
  }
  return localize('{0} and {1}', words.slice(0, -1).join(', '), words[words.length - 1] ?? '');
}

function stepLines(step: ConnectionStep, localize: Localize): string[] {
  const outcome = { passed: localize('passed'), failed: localize('FAILED'), skipped: localize('skipped') }[step.outcome];
  const lines = [`${marks[step.outcome]} ${stepWords[step.name]} ${outcome}: ${step.summary}`];
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
    const verdict = localize('Connection to {0} failed at {1}: {2}', label, stepWords[failed.name], failed.summary);
    return { message: maskSecrets(help.text === undefined ? verdict : `${verdict} ${help.text}`), lines, actions: help.actions };
  }
  const passed = report.steps.filter((step) => step.outcome === 'passed' && step.name !== 'settings').map((step) => listWords[step.name]);
  if (passed.length === 0) {
    return { message: maskSecrets(report.steps[0]?.summary ?? localize('Nothing to test.')), lines, actions: ['showLog'] };
  }
  const auth = report.steps.find((step) => step.name === 'auth');
  const later = auth?.outcome === 'skipped' ? ` ${auth.summary}` : '';
  const verdict = passed.length === 1 ? localize('Connection to {0} works: {1} passed.', label, joined(passed, localize)) : localize('Connection to {0} works: {1} all passed.', label, joined(passed, localize));
  return { message: maskSecrets(`${verdict}${later}`), lines, actions: ['showLog'] };
}
