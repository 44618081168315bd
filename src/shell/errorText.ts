/**
 * An error as one line for the log or a notice, the same way everywhere in the shell. (What the
 * chat shows a person is `userFacingError`; this is the plain text behind it.)
 */

import { errorMessage } from '../core';

/**
 * - `message` (default): the message alone;
 * - `named`: the class first (`Timeout: OpenAI did not answer …`), for log lines about failures;
 * - `stack`: the stack where there is one, for the unexpected.
 */
export function errorText(error: unknown, form: 'message' | 'named' | 'stack' = 'message'): string {
  if (!(error instanceof Error) || form === 'message') {
    return errorMessage(error);
  }
  switch (form) {
    case 'named':
      return `${error.name}: ${error.message}`;
    case 'stack':
      return error.stack ?? `${error.name}: ${error.message}`;
  }
}
