/**
 * Each step of "Add Provider" as the input box shows it — prompt, placeholder, password or not, and
 * its check — and the answers read from what was typed. Plain values over a `Localize`, so every
 * step's wording and check is tested without VS Code.
 */

import { findProvider } from '../../core';
import type { Localize } from '../chat/localize';
import {
  apiVersionProblem,
  azureEndpointProblem,
  deploymentNames,
  deploymentsProblem,
  endpointNameProblem,
  keyProblem,
  readHeaderPairs,
  urlProblem,
} from './providerSetupChecks';
import { customEndpointChoice, type SetupStepId } from './providerSetupPlan';
import type { SetupAnswers } from './providerSetupWrites';

/** What a step's wording and check depend on. */
export interface StepContext {
  choiceId: string;
  /** The provider's name, or "custom endpoint". */
  label: string;
  keyRequired: boolean;
  /** A key is stored for whom this sets up (leaving the key step empty keeps it). */
  keyStored: boolean;
  /** The key was typed in earlier in this flow (leaving the step empty keeps that one). */
  keyTyped: boolean;
  /** The environment variable a key comes from when none is stored. */
  keyVariable?: string;
  /** Other custom endpoints' names (the one being edited left out). */
  otherEndpointNames: readonly string[];
}

export interface StepView {
  prompt: string;
  placeHolder?: string;
  password?: boolean;
  validate: (value: string) => string | undefined;
}

function keyPlaceHolder(context: StepContext, localize: Localize): string | undefined {
  if (context.keyTyped) {
    return localize('Leave empty to keep the key you typed');
  }
  if (context.keyStored) {
    return localize('Leave empty to keep the stored key');
  }
  if (context.keyVariable !== undefined) {
    return localize('Leave empty to use {0} from the environment', context.keyVariable);
  }
  return context.keyRequired ? undefined : localize('Optional: leave empty if the server takes calls without a key');
}

/** The input box of step `id`. */
export function stepView(id: SetupStepId, context: StepContext, localize: Localize): StepView {
  switch (id) {
    case 'endpointName':
      return {
        prompt: localize("A name for the endpoint: its models are offered as name/model (letters, digits, '.', '_', '-')."),
        placeHolder: 'my-vllm',
        validate: (value) => endpointNameProblem(value, context.otherEndpointNames, localize),
      };
    case 'baseUrl':
      if (context.choiceId === 'azure') {
        return {
          prompt: localize('Your Azure OpenAI resource: its name, or its endpoint as the Azure portal shows it.'),
          placeHolder: 'https://my-resource.openai.azure.com',
          validate: (value) => azureEndpointProblem(value, localize),
        };
      }
      return {
        prompt:
          context.choiceId === customEndpointChoice || context.choiceId === 'openai-compatible'
            ? localize("The server's OpenAI-compatible base URL, usually ending in /v1.")
            : localize("{0}'s URL (the one shown is where it listens by default on this machine).", context.label),
        placeHolder: 'http://localhost:8000/v1',
        validate: (value) => urlProblem(value, localize),
      };
    case 'apiVersion':
      return { prompt: localize("Azure's API version (api-version)."), placeHolder: '2024-10-21', validate: (value) => apiVersionProblem(value, localize) };
    case 'deployments':
      return {
        prompt: localize('Your deployment names, separated by commas: each is offered as the model azure/<deployment>.'),
        placeHolder: 'gpt-4o, o4-mini',
        validate: (value) => deploymentsProblem(value, localize),
      };
    case 'key': {
      const mayBeEmpty = !context.keyRequired || context.keyStored || context.keyTyped || context.keyVariable !== undefined;
      return {
        prompt: localize("API key for {0}, kept in VS Code's secret storage (the system keychain), never in settings.", context.label),
        placeHolder: keyPlaceHolder(context, localize),
        password: true,
        validate: (value) => keyProblem(value, !mayBeEmpty, localize),
      };
    }
    case 'headers':
      return {
        prompt: localize("Extra headers, optional: Name: value pairs separated by ';'. A key goes in the key step, not here."),
        placeHolder: 'X-Team: platform; X-Route: eu',
        validate: (value) => {
          const reading = readHeaderPairs(value, localize);
          return 'problem' in reading ? reading.problem : undefined;
        },
      };
  }
}

/**
 * What was typed, once step `id` answered `answer`: an empty key step keeps the key typed before
 * (the box never shows a key again, so leaving it empty means "the same one").
 */
export function withAnswer(texts: Readonly<Partial<Record<SetupStepId, string>>>, id: SetupStepId, answer: string): Partial<Record<SetupStepId, string>> {
  if (id === 'key' && answer === '' && (texts.key ?? '') !== '') {
    return { ...texts };
  }
  return { ...texts, [id]: answer };
}

/** The answers of the steps in `steps`, read from what was typed (`texts`, by step). */
export function answersFrom(choiceId: string, steps: readonly SetupStepId[], texts: Readonly<Partial<Record<SetupStepId, string>>>): SetupAnswers {
  const answers: SetupAnswers = { choiceId: findProvider(choiceId)?.id ?? choiceId };
  for (const id of steps) {
    const text = texts[id] ?? '';
    if (id === 'deployments') {
      answers.deployments = deploymentNames(text);
    } else if (id === 'headers') {
      const reading = readHeaderPairs(text, (message) => message);
      answers.headers = 'headers' in reading ? reading.headers : {};
    } else {
      answers[id] = text;
    }
  }
  return answers;
}
