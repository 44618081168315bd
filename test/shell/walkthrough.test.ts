/**
 * The walkthrough ("Get Started with Switchboard") as the manifest declares it: every step has its
 * text in package.nls.json, a picture that exists (media/pictures, taken by `npm run pictures`)
 * with alternative text, buttons that run commands the extension contributes, and completion
 * events that name real commands and settings, so no step can stay unticked forever.
 */

import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  contributes: {
    commands: { command: string }[];
    configuration: { properties: Record<string, unknown> } | { properties: Record<string, unknown> }[];
    walkthroughs: { id: string; title: string; description: string; steps: { id: string; title: string; description: string; media: { image?: string; altText?: string }; completionEvents: string[] }[] }[];
  };
};
const nls = JSON.parse(readFileSync(join(root, 'package.nls.json'), 'utf8')) as Record<string, string>;

/** The text behind a `%key%` reference (fails when it is missing). */
function localized(value: string): string {
  const key = /^%(.+)%$/.exec(value)?.[1];
  assert.ok(key !== undefined, `${value} is not a %key% reference`);
  const text = nls[key];
  assert.ok(text !== undefined && text.length > 0, `package.nls.json has no ${key}`);
  return text;
}

describe('walkthrough', () => {
  const [walkthrough] = manifest.contributes.walkthroughs;
  const commands = new Set(manifest.contributes.commands.map((entry) => entry.command));
  const settings = new Set(([] as { properties: Record<string, unknown> }[]).concat(manifest.contributes.configuration).flatMap((section) => Object.keys(section.properties)));

  it('connects a model, picks it, asks about a selection and meets the API, in that order, its texts localized', () => {
    assert.ok(walkthrough !== undefined);
    assert.deepStrictEqual(walkthrough.steps.map((step) => step.id), ['connect', 'pickModel', 'askAboutSelection', 'api']);
    localized(walkthrough.title);
    localized(walkthrough.description);
  });

  it('gives each step a picture that exists, with alternative text', () => {
    for (const step of walkthrough!.steps) {
      const image = step.media.image ?? '';
      assert.ok(existsSync(join(root, image)), `${step.id}: ${image} is missing (npm run pictures takes it)`);
      assert.ok(localized(step.media.altText ?? '').length > 10, `${step.id}: alternative text`);
    }
  });

  it('gives each step a button for a contributed command, and completion events that can happen', () => {
    for (const step of walkthrough!.steps) {
      localized(step.title);
      const buttons = [...localized(step.description).matchAll(/\]\(command:([\w.]+)/g)].map((match) => match[1]!);
      assert.ok(buttons.length > 0, `${step.id}: no command button`);
      assert.deepStrictEqual(buttons.filter((command) => !commands.has(command)), [], `${step.id}: buttons for commands the extension does not contribute`);
      assert.ok(step.completionEvents.length > 0, `${step.id}: no completion event`);
      for (const event of step.completionEvents) {
        const [kind, ...rest] = event.split(':');
        const target = rest.join(':');
        if (kind === 'onCommand') {
          assert.ok(commands.has(target), `${step.id}: ${event} names no contributed command`);
        } else if (kind === 'onSettingChanged') {
          assert.ok(settings.has(target), `${step.id}: ${event} names no setting`);
        } else {
          assert.equal(kind, 'onLink', `${step.id}: ${event}`);
        }
      }
    }
  });
});
