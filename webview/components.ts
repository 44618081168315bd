/**
 * The vscode-elements components the chat uses, registered by importing them one by one (not the
 * whole library), so the bundle carries only these. Importing also brings their
 * `HTMLElementTagNameMap` entries, which type `document.createElement('vscode-button')`.
 *
 * Only the button is in the entry: the first paint draws it. The model picker's select (with its
 * scrollable option list, rendered and measured even while closed) and the progress bar come from
 * a chunk imported after the first paint (laterComponents.ts); until then the page shows the
 * select's chosen option in a box of the same size (styles/header.css), and the elements upgrade
 * in place when they are defined.
 *
 * The reasoning block is a native <details> instead of vscode-collapsible: its header is a div with a
 * tabindex, without a button role or an expanded state for screen readers; <summary> has both.
 */

import '@vscode-elements/elements/dist/vscode-button/index.js';

let later: Promise<unknown> | undefined;

/** Imports (once) the components the first paint did without. */
export function loadLaterComponents(): Promise<unknown> {
  later ??= import('./laterComponents');
  return later;
}
