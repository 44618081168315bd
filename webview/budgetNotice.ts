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

/** Why `name` was not added to the draft. */
export function notAddedNotice(problem: BudgetProblem, name: string): string {
  return problem.reason === 'tooMany'
    ? t('attachmentsTooMany', { max: attachmentBudget.count })
    : t('attachmentTooLarge', { max: megabytes(attachmentBudget.totalBytes), name });
}

/** Why the draft was not sent. */
export function notSentNotice(problem: BudgetProblem): string {
  return problem.reason === 'tooMany'
    ? t('attachmentsTooManyToSend', { max: attachmentBudget.count, count: problem.count })
    : t('attachmentsTooLarge', { max: megabytes(attachmentBudget.totalBytes), total: megabytes(problem.bytes) });
}
