/**
 * `client.testConnection(target)`: checks, layer by layer, that a provider can be reached the way
 * a request would reach it — the settings, the proxy, DNS, TCP, TLS, an HTTP request and the key —
 * and reports each step in plain words. The first failed step ends the test; the steps after it
 * are reported as skipped. Loaded on first use, like the HTTP stack.
 */

import type { Socket } from 'node:net';
import type { TransportErrorHints } from '../http/transportErrors';
import type { CallOptions } from '../types';
import { httpAndAuthSteps, type ListModels } from './httpSteps';
import { dnsStep, proxyStep, tcpStep, tlsStep, type StepContext } from './networkSteps';
import { planConnection, type ConnectionPlan, type PlanDependencies } from './plan';
import { gatewaySteps, type GatewayKeyInfoRequest } from './gatewaySteps';
import { vertexSteps, type Completion } from './vertexSteps';
import { splitModelName } from '../modelName';
import { connectionStepNames, type ConnectionReport, type ConnectionStep } from './types';

export interface ConnectionTestDependencies extends PlanDependencies {
  hints: TransportErrorHints;
  listModels: ListModels;
  completion: Completion;
  gatewayKeyInfo: GatewayKeyInfoRequest;
}

/** Seconds each step may take unless the call's `timeout` says otherwise. */
export const defaultStepTimeoutSeconds = 10;

/** The steps not reached, each marked skipped. */
function completed(steps: ConnectionStep[], reason: string): ConnectionStep[] {
  const done = new Set(steps.map((step) => step.name));
  const rest = connectionStepNames.filter((name) => !done.has(name)).map((name): ConnectionStep => ({ name, outcome: 'skipped', summary: reason }));
  return [...steps, ...rest];
}

/** The layers below HTTP, stopping at the first failure; the socket is always closed. */
async function networkSteps(plan: ConnectionPlan, context: StepContext): Promise<ConnectionStep[]> {
  const steps: ConnectionStep[] = [];
  let socket: Socket | undefined;
  try {
    const proxy = await proxyStep(plan, context);
    steps.push(proxy.step);
    socket = proxy.socket;
    if (proxy.step.outcome === 'failed') {
      return steps;
    }
    const dns = await dnsStep(plan, context);
    steps.push(dns.step);
    if (dns.step.outcome === 'failed') {
      return steps;
    }
    const tcp = await tcpStep(plan, dns.addresses ?? [], context);
    steps.push(tcp.step);
    socket ??= tcp.socket;
    if (tcp.step.outcome === 'failed' || socket === undefined) {
      return steps;
    }
    const tls = await tlsStep(plan, socket, context);
    steps.push(tls.step);
    socket = tls.socket ?? socket;
    return steps;
  } finally {
    socket?.destroy();
  }
}

/** The http and auth steps: the provider's own when it has them, else its model list. */
function answerSteps(plan: ConnectionPlan, modelId: string | undefined, options: CallOptions, timeoutSeconds: number, dependencies: ConnectionTestDependencies): Promise<[ConnectionStep, ConnectionStep]> {
  switch (plan.definition.id) {
    case 'vertex_ai':
      return vertexSteps(plan, modelId, options, timeoutSeconds, dependencies.completion);
    case 'litellm_proxy':
      return gatewaySteps(plan, options, timeoutSeconds, dependencies.listModels, dependencies.gatewayKeyInfo);
    default:
      return httpAndAuthSteps(plan, options, timeoutSeconds, dependencies.listModels);
  }
}

/** Runs the connection test for a provider id or a `provider/model`. Rejects only when cancelled (AbortError). */
export async function testConnection(target: string, options: CallOptions, dependencies: ConnectionTestDependencies): Promise<ConnectionReport> {
  const timeoutSeconds = options.timeout ?? defaultStepTimeoutSeconds;
  const planned = await planConnection(target, options, dependencies);
  const report = (steps: ConnectionStep[]): ConnectionReport => ({
    provider: planned.provider,
    providerName: planned.providerName,
    url: planned.url,
    steps,
    ok: steps.every((step) => step.outcome !== 'failed'),
  });
  const plan = planned.plan;
  if (plan === undefined) {
    const reason = planned.step.outcome === 'failed' ? 'Not checked: an earlier step failed.' : 'Not needed: nothing goes over the network.';
    return report(completed([planned.step], reason));
  }
  const context: StepContext = { timeoutMs: timeoutSeconds * 1000, signal: options.signal, hints: dependencies.hints };
  const steps = [planned.step, ...(await networkSteps(plan, context))];
  if (steps.some((step) => step.outcome === 'failed')) {
    return report(completed(steps, 'Not checked: an earlier step failed.'));
  }
  steps.push(...(await answerSteps(plan, splitModelName(target.trim())?.modelId, options, timeoutSeconds, dependencies)));
  return report(steps);
}
