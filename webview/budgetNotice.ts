/**
 * The words for attachments past the budget (src/protocol/attachmentBudget.ts), as the composer
 * shows them before anything is sent: the host refuses the same message, but a person should learn
 * it while the draft is still in front of them.
 */

import { attachmentBudget, type BudgetProblem } from '../src/protocol/attachmentBudget';
import { t } from './l10n';

/** Megabytes for a person, rounded up to one decimal (a total just past the limit never reads as the limit). */
function megabytes(bytes: number): string {
  return String(Math.ceil((bytes / (1024 * 1024)) * 10) / 10);
}

/** Why `name` (or the draft, without a name) cannot go with this message. */
export function budgetNotice(problem: BudgetProblem, name?: string): string {
  if (problem.reason === 'tooMany') {
    return t('attachmentsTooMany', { max: attachmentBudget.count });
  }
  const max = megabytes(attachmentBudget.totalBytes);
  return name === undefined ? t('attachmentsTooLarge', { max, total: megabytes(problem.bytes) }) : t('attachmentTooLarge', { max, name });
}
