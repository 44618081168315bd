/**
 * The http and auth steps of a LiteLLM proxy connection test: the gateway's model list
 * (`/v1/model/info`, what `listModels` asks) as the http step, then the member's key's standing
 * (`/key/info`) as the auth step — whom the key belongs to, what it has spent, its budget — since
 * a gateway that lists its models may still refuse a key that is blocked or out of budget.
 */

import { AbortError, AuthenticationError, errorMessage, LLMError, PermissionDeniedError } from '../errors';
import type { GatewayKeyInfo } from '../providers/litellmProxy/keyInfo';
import type { CallOptions } from '../types';
import { httpAndAuthSteps, type ListModels } from './httpSteps';
import type { ConnectionPlan } from './plan';
import type { ConnectionStep } from './types';

/** The client's `/key/info` request. */
export type GatewayKeyInfoRequest = (options: CallOptions) => Promise<GatewayKeyInfo>;

/** "$12.50"; a fraction of a cent keeps two significant digits ("$0.0012"). */
function dollars(amount: number): string {
  return amount === 0 || amount >= 0.01 ? `$${amount.toFixed(2)}` : `$${amount.toPrecision(2)}`;
}

function keyName(info: GatewayKeyInfo): string {
  const name = info.key_name ?? 'the key';
  return info.key_alias === null ? name : `${name} (${info.key_alias})`;
}

function budgetWords(info: GatewayKeyInfo): string {
  if (info.max_budget === null) {
    return `${dollars(info.spend)} spent, no budget set`;
  }
  const reset = info.budget_duration === null ? '' : `, reset every ${info.budget_duration}${info.budget_reset_at === null ? '' : ` (next ${info.budget_reset_at})`}`;
  return `${dollars(info.spend)} spent of a ${dollars(info.max_budget)} budget${reset}`;
}

/** The facts behind the summary: the models the key may call, its expiry, its rate limits. */
function keyFacts(info: GatewayKeyInfo): string {
  const facts = [info.models.length === 0 ? 'Models: all of the gateway.' : `Models: ${info.models.join(', ')}.`];
  if (info.expires !== null) {
    facts.push(`Expires ${info.expires}.`);
  }
  const limits = [info.tpm_limit === null ? undefined : `${info.tpm_limit} tokens`, info.rpm_limit === null ? undefined : `${info.rpm_limit} requests`].filter((limit): limit is string => limit !== undefined);
  if (limits.length > 0) {
    facts.push(`Limits: ${limits.join(' and ')} a minute.`);
  }
  return facts.join(' ');
}

function standingStep(plan: ConnectionPlan, info: GatewayKeyInfo): ConnectionStep {
  const name = plan.definition.displayName;
  if (info.blocked) {
    return { name: 'auth', outcome: 'failed', summary: `${name} has blocked ${keyName(info)}.`, detail: 'Ask the gateway admin to unblock it, or use another key.' };
  }
  if (info.max_budget !== null && info.spend >= info.max_budget) {
    return { name: 'auth', outcome: 'failed', summary: `${keyName(info)} has spent its budget: ${budgetWords(info)}.`, detail: `Calls are refused until the budget resets or the admin raises it. ${keyFacts(info)}` };
  }
  return { name: 'auth', outcome: 'passed', summary: `${name} accepted ${keyName(info)}: ${budgetWords(info)}.`, detail: keyFacts(info) };
}

/** The model list, then `/key/info` when the gateway took a key for the list. */
export async function gatewaySteps(plan: ConnectionPlan, options: CallOptions, timeoutSeconds: number, listModels: ListModels, keyInfo: GatewayKeyInfoRequest): Promise<[ConnectionStep, ConnectionStep]> {
  const [http, auth] = await httpAndAuthSteps(plan, options, timeoutSeconds, listModels);
  if (http.outcome !== 'passed' || auth.outcome !== 'passed' || plan.key.kind === 'none') {
    return [http, auth];
  }
  try {
    return [http, standingStep(plan, await keyInfo({ ...options, timeout: timeoutSeconds, num_retries: 0 }))];
  } catch (error) {
    if (error instanceof AbortError || !(error instanceof LLMError)) {
      throw error;
    }
    const name = plan.definition.displayName;
    if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
      return [http, { name: 'auth', outcome: 'failed', summary: `${name} listed its models but rejected the key at /key/info (${error.status_code}).`, detail: `${errorMessage(error)} Set a valid key, then test again.` }];
    }
    // A gateway without a key database (no master key) has no /key/info: the model list already took the key.
    return [http, { ...auth, detail: `Its spend and budget are unknown: /key/info answered ${error.status_code}. ${errorMessage(error)}` }];
  }
}
