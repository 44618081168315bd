/**
 * "Switchboard: Add Provider": a multi-step quick input — the provider, then what it needs (a key,
 * a base URL, Azure's resource, API version and deployments, a custom endpoint's name, URL, key
 * and headers) with a Back button and a check on every step — then the settings are written (user
 * settings, never a key) and the key stored, Test Connection runs on what was just saved, and the
 * provider's models are offered for the chat. A failed test offers Back (to the last step, answers
 * kept), Save Anyway, or Cancel (everything the flow changed is put back). Bedrock, Vertex AI and
 * the LiteLLM gateway hand over to their own setup flows. "Manage Providers" runs the same steps
 * pre-filled to edit what is configured.
 */

import * as vscode from 'vscode';
import { findProvider, firstSetVariable } from '../../core';
import type { CustomEndpoint } from '../config';
import { findEndpoint, type ModelServer } from '../modelAddress';
import { endpointKeyOwner, providerKeyOwner } from '../secrets';
import { choiceOf, stepDefaults } from './providerInventory';
import { customEndpointChoice, flowLength, providerChoices, setupPlan, type SetupStepId } from './providerSetupPlan';
import { SetupSnapshot, userValues } from './providerSetupSave';
import { answersFrom, stepView, withAnswer, type StepContext } from './providerSetupSteps';
import { setupWrites, type SetupAnswers, type SetupSubject } from './providerSetupWrites';
import { back, inputStep, pickStep } from './quickInputSteps';
import { selectModel } from './selectModel';
import type { CommandServices } from './services';
import { setupFlows } from './setApiKey';
import { runConnectionTest } from './testConnection';

type Texts = Partial<Record<SetupStepId, string>>;

/** How a save-and-test ended: set up, back to the steps, or cancelled (and undone). */
type Outcome = 'done' | 'back' | 'cancelled';

function labelOf(choiceId: string, texts: Texts): string {
  return choiceId === customEndpointChoice ? (texts.endpointName ?? vscode.l10n.t('custom endpoint')) : (findProvider(choiceId)?.displayName ?? choiceId);
}

/** `ownEndpoint`: the endpoint this flow edits or already saved, whose name is not someone else's. */
async function stepContext(services: CommandServices, choiceId: string, texts: Texts, ownEndpoint: string | undefined): Promise<StepContext> {
  const owners = new Set(await services.keys.owners());
  const endpoint = choiceId === customEndpointChoice;
  const provider = findProvider(choiceId);
  const owner = endpoint ? endpointKeyOwner(texts.endpointName ?? '') : providerKeyOwner(choiceId);
  const editedOwner = endpoint && ownEndpoint !== undefined ? endpointKeyOwner(ownEndpoint) : undefined;
  const plan = setupPlan(choiceId);
  const context: StepContext = {
    choiceId,
    label: labelOf(choiceId, texts),
    keyRequired: plan?.kind === 'steps' && plan.keyRequired,
    keyStored: owners.has(owner) || (editedOwner !== undefined && owners.has(editedOwner)),
    keyTyped: (texts.key ?? '') !== '',
    otherEndpointNames: services
      .config()
      .customEndpoints.map((candidate) => candidate.name)
      .filter((name) => ownEndpoint === undefined || name.toLowerCase() !== ownEndpoint.toLowerCase()),
  };
  const variable = endpoint || provider === undefined ? undefined : firstSetVariable(process.env, provider.apiKeyEnv);
  if (variable !== undefined) {
    context.keyVariable = variable;
  }
  return context;
}

/** The server Test Connection checks: the provider, or the endpoint as the settings now describe it. */
function testTarget(services: CommandServices, subject: SetupSubject, answers: SetupAnswers): ModelServer<CustomEndpoint> {
  if (subject.kind === 'provider') {
    return { kind: 'provider', providerId: subject.providerId };
  }
  const saved = findEndpoint(services.config().customEndpoints, subject.name);
  return { kind: 'endpoint', endpoint: saved ?? { name: subject.name, baseUrl: answers.baseUrl ?? '', models: [], headers: { ...answers.headers } } };
}

/**
 * Saves (`ownEndpoint`: the endpoint this flow edits or saved before, changed in place), tests, and
 * on success offers the models; a failure asks what to do.
 */
async function saveAndTest(services: CommandServices, snapshot: SetupSnapshot, answers: SetupAnswers, ownEndpoint: string | undefined): Promise<{ outcome: Outcome; subject: SetupSubject }> {
  const user = userValues();
  const plan = setupWrites(user, answers, ownEndpoint);
  await snapshot.apply(plan, user);
  const outcome = await testSaved(services, plan.subject, answers);
  return { outcome, subject: plan.subject };
}

async function testSaved(services: CommandServices, subject: SetupSubject, answers: SetupAnswers): Promise<Outcome> {
  const label = subject.kind === 'endpoint' ? subject.name : (findProvider(subject.providerId)?.displayName ?? subject.providerId);
  services.log.info(`Add Provider: saved ${label}; testing the connection.`);
  const result = await runConnectionTest(services, testTarget(services, subject, answers));
  if (result?.report.ok === true) {
    void vscode.window.showInformationMessage(result.text.message);
    await selectModel(services, label);
    return 'done';
  }
  const goBack = vscode.l10n.t('Back');
  const saveAnyway = vscode.l10n.t('Save Anyway');
  const message = result === undefined ? vscode.l10n.t('The connection test of {0} was cancelled.', label) : result.text.message;
  const steps = result === undefined ? [] : [...result.text.lines, ''];
  const detail = [...steps, vscode.l10n.t('Back changes the answers; Save Anyway keeps them; Cancel undoes what was saved.')].join('\n');
  const answer = await vscode.window.showWarningMessage(message, { modal: true, detail }, goBack, saveAnyway);
  if (answer === goBack) {
    return 'back';
  }
  if (answer === saveAnyway) {
    services.log.info(`Add Provider: kept ${label} although its connection test did not pass.`);
    await selectModel(services, label);
    return 'done';
  }
  return 'cancelled';
}

/**
 * The steps, from the provider pick (or, editing, from the first step with the settings shown),
 * until saved, cancelled or handed over.
 */
async function runSteps(services: CommandServices, editing: SetupSubject | undefined): Promise<void> {
  const snapshot = new SetupSnapshot(services);
  const title = editing === undefined ? vscode.l10n.t('Add Provider') : vscode.l10n.t('Edit {0}', editing.kind === 'endpoint' ? editing.name : (findProvider(editing.providerId)?.displayName ?? editing.providerId));
  // Editing has no provider pick: its first step is step 1.
  const firstStepNumber = editing === undefined ? 2 : 1;
  let choiceId = editing === undefined ? undefined : choiceOf(editing);
  let texts: Texts = editing === undefined ? {} : { ...stepDefaults(services.config(), editing) };
  let position = editing === undefined ? -1 : 0;
  let outcome: Outcome = 'cancelled';
  // The endpoint being edited, then the one this flow saved: a later save changes it in place.
  let ownEndpoint = editing?.kind === 'endpoint' ? editing.name : undefined;
  for (;;) {
    if (position < 0 || choiceId === undefined) {
      const picked = await pickStep({
        title,
        step: 1,
        placeHolder: vscode.l10n.t('The provider to add'),
        items: providerChoices(vscode.l10n.t).map((choice) => ({ label: choice.label, description: choice.description, value: choice.id })),
        active: choiceId,
        totalFor: flowLength,
      });
      if (picked === undefined || picked === back) {
        break;
      }
      if (picked !== choiceId) {
        // Another provider: what was saved for the first one (a test that failed, then Back) is put back.
        await snapshot.restore();
        ownEndpoint = undefined;
        texts = picked === customEndpointChoice ? {} : { ...stepDefaults(services.config(), { kind: 'provider', providerId: picked }) };
      }
      choiceId = picked;
      const plan = setupPlan(picked);
      if (plan?.kind === 'handover') {
        await setupFlows[plan.providerId]?.(services);
        return;
      }
      position = 0;
      continue;
    }
    const plan = setupPlan(choiceId);
    if (plan?.kind !== 'steps') {
      break;
    }
    if (position >= plan.steps.length) {
      const saved = await saveAndTest(services, snapshot, answersFrom(choiceId, plan.steps, texts), ownEndpoint);
      outcome = saved.outcome;
      ownEndpoint = saved.subject.kind === 'endpoint' ? saved.subject.name : undefined;
      if (outcome !== 'back') {
        break;
      }
      position = plan.steps.length - 1;
      continue;
    }
    const id = plan.steps[position]!;
    const view = stepView(id, await stepContext(services, choiceId, texts, ownEndpoint), vscode.l10n.t);
    const answer = await inputStep({
      title,
      step: position + firstStepNumber,
      totalSteps: plan.steps.length + firstStepNumber - 1,
      ...view,
      // A key is never shown again, not even the one typed a moment ago.
      value: id === 'key' ? '' : texts[id],
    });
    if (answer === undefined) {
      break;
    }
    if (answer === back) {
      position--;
      continue;
    }
    texts = withAnswer(texts, id, answer);
    position++;
  }
  if (outcome !== 'done' && snapshot.changedAnything) {
    await snapshot.restore();
    services.log.info('Add Provider: cancelled; the settings and key it had saved are put back.');
  }
}

/** "Switchboard: Add Provider". */
export async function addProvider(services: CommandServices): Promise<void> {
  await runSteps(services, undefined);
}

/** Edits a configured provider or endpoint: its steps shown with the settings now; a cloud provider's or the gateway's own flow. */
export async function editProvider(services: CommandServices, subject: SetupSubject): Promise<void> {
  const plan = setupPlan(choiceOf(subject));
  if (plan?.kind === 'handover') {
    await setupFlows[plan.providerId]?.(services);
    return;
  }
  await runSteps(services, subject);
}
