/**
 * What the crash trials compare: a conversation as the chat shows it, reduced to what must survive
 * a crash — each question's text, each answer's status and its words (`w001 w002 …`, the loopback
 * server's hand-made answer). After a kill the restored conversation must equal the one before the
 * question of that trial, plus at most the in-flight exchange: that question, and an answer that is
 * a start of the streamed one. Anything else is a lost or damaged conversation.
 */

import { countedWords, type ShownMessage } from '../../e2e/chatView';

export interface Turn {
  role: 'user' | 'assistant';
  status: string;
  /** The question (user), or the answer's words joined (assistant). */
  text: string;
}

/** A question's text as shown: the message element's text minus its "You" heading. */
function questionText(shown: string): string {
  return shown.replace(/\s+/g, ' ').replace(/^You /, '').trim();
}

export function turnsOf(messages: readonly ShownMessage[]): Turn[] {
  return messages.map((message) => ({
    role: message.role,
    status: message.status ?? '',
    text: message.role === 'user' ? questionText(message.text) : countedWords(message.text).join(' '),
  }));
}

/** The first question identifies a conversation (it is also its title). */
export function conversationKey(turns: readonly Turn[]): string | undefined {
  return turns.find((turn) => turn.role === 'user')?.text;
}

export interface InFlight {
  question: string;
  /** The whole answer the server streams, as words joined. */
  answer: string;
}

/** Why `restored` is not `base` plus at most the in-flight exchange, or an empty list when it is. */
export function restoredProblems(base: readonly Turn[], inFlight: InFlight, restored: readonly Turn[]): string[] {
  const problems: string[] = [];
  const kept = restored.slice(0, base.length);
  base.forEach((turn, index) => {
    const now = kept[index];
    if (now === undefined) {
      problems.push(`message ${index + 1} (${turn.role}, saved before this trial) is missing`);
    } else if (now.role !== turn.role || now.status !== turn.status || now.text !== turn.text) {
      problems.push(`message ${index + 1} changed: was ${JSON.stringify(turn)}, now ${JSON.stringify(now)}`);
    }
  });
  const extra = restored.slice(base.length);
  const [question, answer, ...more] = extra;
  if (question !== undefined && (question.role !== 'user' || question.text !== inFlight.question)) {
    problems.push(`after the saved messages comes ${JSON.stringify(question)}, not the in-flight question`);
  }
  if (answer !== undefined) {
    const startsTheAnswer = answer.role === 'assistant' && (inFlight.answer === answer.text || inFlight.answer.startsWith(answer.text === '' ? '' : `${answer.text} `));
    if (!startsTheAnswer || !['complete', 'stopped', 'error'].includes(answer.status)) {
      problems.push(`the in-flight answer is not a start of the streamed one: ${JSON.stringify(answer)}`);
    }
    if (answer.status === 'complete' && answer.text !== inFlight.answer) {
      problems.push(`the in-flight answer is marked complete but holds ${answer.text.split(' ').length} of ${inFlight.answer.split(' ').length} words`);
    }
  }
  if (more.length > 0) {
    problems.push(`${more.length} messages more than the in-flight exchange: ${JSON.stringify(more)}`);
  }
  return problems;
}

/** How much of the in-flight exchange a restored conversation kept (where the kill landed). */
export function inFlightOutcome(base: readonly Turn[], restored: readonly Turn[]): 'question lost' | 'question saved, no answer' | 'answer cut short' | 'answer whole' {
  const [, answer] = restored.slice(base.length);
  if (restored.length <= base.length) {
    return 'question lost';
  }
  if (answer === undefined || answer.text === '') {
    return 'question saved, no answer';
  }
  return answer.status === 'complete' ? 'answer whole' : 'answer cut short';
}
