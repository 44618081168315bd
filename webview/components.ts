/**
 * The vscode-elements components the chat uses, registered once by importing them one by one
 * (not the whole library), so the bundle carries only these. Importing also brings their
 * `HTMLElementTagNameMap` entries, which type `document.createElement('vscode-button')`. The
 * reasoning block is a native <details> instead of vscode-collapsible: its header is a div with a
 * tabindex, without a button role or an expanded state for screen readers; <summary> has both.
 */

import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
