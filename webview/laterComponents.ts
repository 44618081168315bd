/**
 * The components the chat's first paint does without (see components.ts), a chunk of their own:
 * the model picker's select and options, and the answer's progress bar.
 */

import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-progress-bar/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
