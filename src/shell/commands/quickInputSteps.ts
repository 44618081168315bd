/**
 * One step of a multi-step quick input with a Back button, as VS Code's own multi-step flows do
 * it: `createInputBox` / `createQuickPick` with `step` and `totalSteps` (VS Code titles it
 * "Add Provider (2/4)"), the Back button on every step after the first, and the validation
 * message shown while typing. A step answers its value, `back`, or undefined when the user
 * pressed Escape (or the input was hidden).
 */

import * as vscode from 'vscode';

/** The answer of a step whose Back button was pressed. */
export const back = Symbol('back');

export type StepAnswer<T> = T | typeof back | undefined;

export interface StepFrame {
  title: string;
  step: number;
  /** Undefined while the number of steps is not known yet. */
  totalSteps?: number;
}

export interface InputStep extends StepFrame {
  prompt: string;
  value?: string;
  placeHolder?: string;
  password?: boolean;
  /** The problem with a value, or undefined when it may be accepted; asked on every change and on Enter. */
  validate: (value: string) => string | undefined;
}

/** Settles once with the first answer, then disposes the input and its listeners. */
function settleOnce<T>(input: vscode.QuickInput, resolve: (answer: StepAnswer<T>) => void): { done: (answer: StepAnswer<T>) => void; listeners: vscode.Disposable[] } {
  const listeners: vscode.Disposable[] = [];
  let settled = false;
  const done = (answer: StepAnswer<T>): void => {
    if (settled) {
      return;
    }
    settled = true;
    resolve(answer);
    for (const listener of listeners) {
      listener.dispose();
    }
    input.dispose();
  };
  listeners.push(input.onDidHide(() => done(undefined)));
  return { done, listeners };
}

function frame(input: vscode.QuickInput, step: StepFrame): void {
  input.title = step.title;
  input.step = step.step;
  input.totalSteps = step.totalSteps;
  input.ignoreFocusOut = true;
}

/** An input box; the trimmed value once it passes `validate`. */
export function inputStep(step: InputStep): Promise<StepAnswer<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    const { done, listeners } = settleOnce<string>(box, resolve);
    frame(box, step);
    box.prompt = step.prompt;
    box.value = step.value ?? '';
    box.placeholder = step.placeHolder;
    box.password = step.password === true;
    box.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    // A value shown again (Back, an edit) is checked at once; an empty box is not scolded before Enter.
    box.validationMessage = box.value === '' ? undefined : step.validate(box.value);
    listeners.push(
      box.onDidChangeValue((value) => {
        box.validationMessage = step.validate(value);
      }),
      box.onDidAccept(() => {
        const problem = step.validate(box.value);
        box.validationMessage = problem;
        if (problem === undefined) {
          done(box.value.trim());
        }
      }),
      box.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          done(back);
        }
      }),
    );
    box.show();
  });
}

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

export interface PickStep<T> extends StepFrame {
  placeHolder: string;
  items: readonly PickItem<T>[];
  /** The item to start on (the one chosen before Back). */
  active?: T;
  /** The flow's length once the active item is chosen, so the title counts the steps of the choice in view. */
  totalFor?: (value: T) => number | undefined;
}

/** A quick pick of one item. */
export function pickStep<T>(step: PickStep<T>): Promise<StepAnswer<T>> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem & { value: T }>();
    const { done, listeners } = settleOnce<T>(pick, resolve);
    frame(pick, step);
    pick.placeholder = step.placeHolder;
    pick.matchOnDescription = true;
    pick.buttons = step.step > 1 ? [vscode.QuickInputButtons.Back] : [];
    pick.items = step.items.map((item) => ({ label: item.label, description: item.description, detail: item.detail, value: item.value }));
    const active = pick.items.find((item) => item.value === step.active);
    if (active !== undefined) {
      pick.activeItems = [active];
    }
    const first = active ?? pick.items[0];
    if (step.totalFor !== undefined && first !== undefined) {
      pick.totalSteps = step.totalFor(first.value);
    }
    listeners.push(
      pick.onDidChangeActive(([item]) => {
        if (item !== undefined && step.totalFor !== undefined) {
          pick.totalSteps = step.totalFor(item.value);
        }
      }),
      pick.onDidAccept(() => {
        const [item] = pick.selectedItems;
        if (item !== undefined) {
          done(item.value);
        }
      }),
      pick.onDidTriggerButton((button) => {
        if (button === vscode.QuickInputButtons.Back) {
          done(back);
        }
      }),
    );
    pick.show();
  });
}
