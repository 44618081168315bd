/**
 * The chat's side of the usage history: each request the chat counts in its totals (an answer's
 * round, a summary, a title), recorded under the caller `chat` in the usage history.
 */

import type { UsageView } from '../../protocol/messages';
import type { ChatUsageLog } from '../chat/ports';
import { errorText } from '../errorText';
import { chatCaller, type UsageRecording } from './usageHistory';

export function chatUsageLog(history: UsageRecording, log: { warn(message: string): void }): ChatUsageLog {
  return {
    record: (model: string, usage: UsageView | undefined) => {
      const tokens = usage === undefined ? undefined : { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens };
      history.record({ caller: chatCaller, model, usage: tokens, cost: usage?.cost }).catch((error: unknown) => log.warn(`Counting the chat's usage failed: ${errorText(error, 'named')}`));
    },
  };
}
