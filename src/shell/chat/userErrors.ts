/**
 * The one place an error becomes what the chat shows: a sentence a person can act on, the core's
 * own detail, and the buttons that help (Set API Key, Select Model, Retry, Test Connection, Open
 * Settings, Show Logs); and the words for a message refused before it was sent (too many or too
 * large attachments).
 *
 * Errors are recognised by `name`, not `instanceof`: the core may be bundled twice (the extension
 * and a test, or another extension's copy), and a class from one bundle is not the other's.
 */

import { certificateErrorCodes, listProviders, maskKey, splitModelName } from '../../core';
import { attachmentBudget, type BudgetProblem } from '../../protocol/attachmentBudget';
import type { ChatErrorView, ErrorAction } from '../../protocol/messages';
import { formatMessage, type Localize } from './localize';

/** Characters of the core's detail shown in the chat; the full text is in the log. */
const detailLength = 600;

interface ErrorFacts {
  name: string;
  message: string;
  provider: string;
  model: string | undefined;
  status: number | undefined;
  retryable: boolean | undefined;
  param: string | undefined;
  code: string | undefined;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function providerName(id: string | undefined, model: string | undefined): string | undefined {
  const provider = id ?? (model === undefined ? undefined : splitModelName(model)?.provider);
  if (provider === undefined) {
    return undefined;
  }
  return listProviders().find((definition) => definition.id === provider)?.displayName ?? provider;
}

function factsOf(error: unknown, localize: Localize): ErrorFacts {
  const record: Record<string, unknown> = typeof error === 'object' && error !== null ? (error as Record<string, unknown>) : {};
  const model = text(record['model']);
  const status = record['status_code'];
  const retryable = record['retryable'];
  return {
    name: text(record['name']) ?? 'Error',
    message: text(record['message']) ?? (typeof error === 'string' ? error : ''),
    provider: providerName(text(record['llm_provider']), model) ?? localize('The provider'),
    model,
    status: typeof status === 'number' ? status : undefined,
    retryable: typeof retryable === 'boolean' ? retryable : undefined,
    param: text(record['param']),
    code: text(record['code']),
  };
}

/**
 * Text with anything that looks like a credential masked (for the chat and the log): the core already removes the keys it
 * sent, but a provider or proxy may echo a header or another key, and this text reaches the screen.
 */
export function maskSecrets(message: string): string {
  return message
    .replace(/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{8,}/gi, '$1 …')
    .replace(/\b(api[-_]?key|x-api-key|x-goog-api-key|authorization|access[-_]?token|secret|password)(["']?\s*[:=]\s*["']?)(?:(?:Bearer|Basic|Token)\s+)?[^\s"',;}&]+/gi, '$1$2…')
    .replace(/\b(?:sk|pk|rk|gsk|xai|sess)-[A-Za-z0-9_-]{12,}|\bAIza[0-9A-Za-z_-]{20,}/g, (key) => maskKey(key));
}

const modelProblem =
  /\bmodel\b[^.]{0,120}?\b(not found|does not exist|doesn't exist|is not available|not supported|is not a valid)|\b(unknown|invalid|unsupported|no such) model\b/i;

function isAboutTheModel(facts: ErrorFacts): boolean {
  return facts.param === 'model' || facts.code === 'model_not_found' || facts.code === 'invalid_model' || modelProblem.test(facts.message);
}

function modelLabel(facts: ErrorFacts, localize: Localize): string {
  return facts.model ?? localize('the selected model');
}

interface Advice {
  summary: string;
  actions: ErrorAction[];
  /** False for errors that are not the core's: their kind is shown as plain `Error`. */
  known?: false;
}

/** A connection that failed: at a certificate, at the proxy, at a CA file of the settings, or on the way. */
function connectionAdvice(facts: ErrorFacts, localize: Localize): Advice {
  const code = facts.code ?? '';
  if (certificateErrorCodes.has(code) || facts.message.startsWith('The certificate of ')) {
    return { summary: localize("{0}'s certificate is not trusted, so nothing was sent.", facts.provider), actions: ['openSettings', 'testConnection', 'showLogs'] };
  }
  if (code === 'CA_FILE_UNUSABLE') {
    return { summary: localize('A certificate file in the settings cannot be used.'), actions: ['openSettings', 'showLogs'] };
  }
  if (code.startsWith('PROXY_') || /^(The proxy |Could not resolve the proxy )/.test(facts.message)) {
    return { summary: localize('The proxy did not let the request to {0} through.', facts.provider), actions: ['openSettings', 'testConnection', 'retry'] };
  }
  return { summary: localize('Could not reach {0}. Check the network, the proxy or the base URL, then retry.', facts.provider), actions: ['retry', 'testConnection', 'showLogs'] };
}

function advice(facts: ErrorFacts, localize: Localize): Advice {
  const retryOrLogs: ErrorAction[] = ['retry', 'showLogs'];
  switch (facts.name) {
    case 'AuthenticationError':
      return {
        summary: localize("{0} did not accept the API key, or none is set. Set it with 'Switchboard: Set API Key'.", facts.provider),
        actions: ['setApiKey'],
      };
    case 'PermissionDeniedError':
      return {
        summary: localize('{0} refused access to {1}: the key may not be allowed to use it.', facts.provider, modelLabel(facts, localize)),
        actions: ['setApiKey', 'selectModel'],
      };
    case 'NotFoundError':
      return {
        summary: localize("{0} does not offer {1}. Pick another with 'Switchboard: Select Model'.", facts.provider, modelLabel(facts, localize)),
        actions: ['selectModel'],
      };
    case 'ContextWindowExceededError':
      return {
        summary: localize("This conversation is too long for {0}'s context window. Start a new chat, or pick a model with a larger window.", modelLabel(facts, localize)),
        actions: ['selectModel'],
      };
    case 'ContentPolicyViolationError':
      return { summary: localize("{0}'s content filter blocked the question or the answer.", facts.provider), actions: [] };
    case 'UnsupportedParamsError':
      return { summary: localize('{0} does not support this request. Try another model.', modelLabel(facts, localize)), actions: ['selectModel'] };
    case 'BadRequestError':
    case 'UnprocessableEntityError':
      return isAboutTheModel(facts)
        ? { summary: localize("{0} does not offer {1}. Pick another with 'Switchboard: Select Model'.", facts.provider, modelLabel(facts, localize)), actions: ['selectModel'] }
        : { summary: localize('{0} rejected the request.', facts.provider), actions: ['showLogs'] };
    case 'APIConnectionError':
      return connectionAdvice(facts, localize);
    case 'Timeout':
      return { summary: localize('{0} did not answer in time.', facts.provider), actions: ['retry', 'testConnection', 'showLogs'] };
    case 'RateLimitError':
      return facts.retryable === false
        ? { summary: localize("{0} says the account's quota is used up: check its plan and billing.", facts.provider), actions: retryOrLogs }
        : { summary: localize('{0} is receiving too many requests. Wait a moment, then retry.', facts.provider), actions: retryOrLogs };
    case 'ServiceUnavailableError':
      return { summary: localize('{0} is overloaded or unavailable right now. Retry in a moment.', facts.provider), actions: retryOrLogs };
    case 'InternalServerError':
    case 'APIError':
      return {
        summary: facts.status === undefined ? localize('{0} reported an error.', facts.provider) : localize('{0} reported an error ({1}).', facts.provider, facts.status),
        actions: retryOrLogs,
      };
    default:
      return { summary: localize('Something went wrong while answering.'), actions: retryOrLogs, known: false };
  }
}

/** What the chat shows for an error: a sentence to act on, the core's detail (credentials masked), and buttons. */
export function userFacingError(error: unknown, localize: Localize = formatMessage): ChatErrorView {
  const facts = factsOf(error, localize);
  const { summary, actions, known } = advice(facts, localize);
  const masked = maskSecrets(facts.message.trim());
  const detail = masked.length > detailLength ? `${masked.slice(0, detailLength - 1)}…` : masked;
  const message = detail.length === 0 ? summary : `${summary} ${localize('Details: {0}', detail)}`;
  return { message, kind: known === false ? 'Error' : facts.name, actions };
}

/** Megabytes for a person: one decimal, rounded up, so a total just past the limit never reads as the limit. */
function megabytes(bytes: number): string {
  return String(Math.ceil((bytes / (1024 * 1024)) * 10) / 10);
}

/** Why a message's attachments were refused (too many, too large), in words, with what to do. */
export function attachmentBudgetText(problem: BudgetProblem, localize: Localize = formatMessage): string {
  return problem.reason === 'tooMany'
    ? localize('A message can carry at most {0} attachments, and this one has {1}. Remove some, then try again.', attachmentBudget.count, problem.count)
    : localize("A message's attachments can add up to at most {0} MB, and these come to {1} MB. Remove some, then try again.", megabytes(attachmentBudget.totalBytes), megabytes(problem.bytes));
}
