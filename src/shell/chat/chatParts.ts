/**
 * Puts one chat's parts together around its controller: the view channel, the conversation on
 * screen and its place in the hub, the draft, the next request's context, the history, the
 * answers, the questions and the tools — each given the others it needs, read when first used.
 */

import type { ChatMessageView, ToWebview } from '../../protocol/messages';
import { defaultChatSettings, type ChatSettings } from '../chatSettings';
import { TokenCounter } from '../lm/tokenCount';
import { AnswerRunner } from './answerRunner';
import { ChatDraft } from './chatDraft';
import { ChatHistory } from './chatHistory';
import { ChatHub } from './chatHub';
import { ChatInstructions } from './chatInstructions';
import { ChatTools, type ChatToolsDeps } from './chatTools';
import { CurrentConversation, type ChatOpening } from './currentConversation';
import { HubLink } from './hubLink';
import { formatMessage, type Localize } from './localize';
import type { ChatCompletions, ChatEnvironment, ChatUsageLog, ChatLog, ContextSources, Conversation, ConversationStore, InstructionFiles, ModelChoice, TokenCounting } from './ports';
import { Questions } from './questions';
import { RequestContext } from './requestContext';
import { RequestPlanner } from './requestPlanner';
import { TokenEstimator } from './tokenEstimate';
import type { LastRequest } from './toolLoop';
import { ViewChannel } from './viewChannel';
import type { DraftView } from '../../protocol/messages';

export interface ChatControllerDeps {
  client: ChatCompletions;
  /** Where each request's usage is counted by day and model; nothing is counted without it. */
  usage?: ChatUsageLog;
  store: ConversationStore;
  models: ModelChoice;
  log: ChatLog;
  env: ChatEnvironment;
  /** `switchboard.chat.*` and `switchboard.modelDefaults`, read on each use; the defaults without it. */
  settings?: () => ChatSettings;
  /** The workspace's instruction files; none without it. */
  instructions?: InstructionFiles;
  /** The "Add Context" picker's sources; the picker adds nothing without them. */
  context?: ContextSources;
  /** The tokenizer; o200k from gpt-tokenizer without it. */
  tokens?: TokenCounting;
  /** The tools offered to the model; none without them. */
  tools?: ChatToolsDeps;
  /** The chats of the window this one joins; a hub of its own without it. */
  hub?: ChatHub;
  /** What the chat shows first; the most recent conversation without it. */
  opening?: ChatOpening;
  /** An answer this chat started ended (posted, before its final save): a notification when its view is hidden. */
  answerEnded?: (message: ChatMessageView) => void;
}

/** What the parts call back on the controller. */
export interface ChatPartsHost {
  post(message: ToWebview): void;
  notice(message: string): void;
  enqueue(operation: () => Promise<void>): Promise<void>;
  unexpected(error: unknown): void;
  postSnapshot(): Promise<void>;
  postCompactions(conversation: Conversation): void;
  answered(conversation: Conversation, message: ChatMessageView, lastRequest: LastRequest | undefined): void;
  appendToDraft(addition: DraftView): Promise<void>;
}

export interface ChatParts {
  localize: Localize;
  view: ViewChannel;
  conversations: CurrentConversation;
  link: HubLink;
  draft: ChatDraft;
  estimator: TokenEstimator;
  next: RequestContext;
  history: ChatHistory;
  answers: AnswerRunner;
  questions: Questions;
  tools: ChatTools;
}

export function assembleChat(deps: ChatControllerDeps, host: ChatPartsHost): ChatParts {
  // Filled in below; the closures read it only once the chat runs.
  const parts = {} as ChatParts;
  const localize = deps.env.localize?.bind(deps.env) ?? formatMessage;
  parts.localize = localize;
  parts.view = new ViewChannel(deps.log);
  const hub = deps.hub ?? new ChatHub();
  parts.conversations = new CurrentConversation({ ...deps, adopt: (conversation) => hub.find(conversation.id) ?? conversation });
  parts.link = new HubLink({ hub, view: parts.view, conversations: parts.conversations, answers: () => parts.answers });
  parts.draft = new ChatDraft({ log: deps.log, localize, post: (message) => host.post(message), notice: (message) => host.notice(message), enqueue: (operation) => host.enqueue(operation), next: () => parts.next });
  const settings = deps.settings ?? ((): ChatSettings => defaultChatSettings);
  parts.estimator = new TokenEstimator(deps.tokens ?? new TokenCounter());
  const instructions = new ChatInstructions(deps.instructions, settings, parts.estimator);
  const tools = deps.tools;
  const planner = new RequestPlanner({
    ...{ client: deps.client, usage: deps.usage, models: deps.models, estimator: parts.estimator, instructions, settings },
    newId: () => deps.env.newId(),
    now: () => deps.env.now(),
    tools: (model) => parts.tools.known(model),
  });
  parts.next = new RequestContext({
    models: deps.models,
    settings,
    estimator: parts.estimator,
    instructions,
    instructionFiles: deps.instructions,
    context: deps.context,
    planner,
    log: deps.log,
    localize,
    post: (message) => host.post(message),
    notice: (message) => host.notice(message),
    conversation: () => parts.conversations.get(),
    draft: () => parts.draft.attachments,
    attach: (attachments) => void host.appendToDraft({ attachments }),
    save: (conversation) => (conversation.messages.length === 0 ? Promise.resolve() : parts.history.save(conversation)),
    enqueue: (operation) => host.enqueue(operation),
    unexpected: (error) => host.unexpected(error),
  });
  parts.history = new ChatHistory({
    ...deps,
    localize,
    view: parts.view,
    conversations: parts.conversations,
    stopAnswer: () => parts.link.leaving(),
    broadcast: (message) => parts.link.broadcast(message),
    postAbout: (conversation, message) => parts.link.postAbout(conversation, message),
    shared: (conversationId) => parts.link.shared(conversationId),
    postSnapshot: () => host.postSnapshot(),
    enqueue: (operation) => host.enqueue(operation),
    // Titles by the model only where the settings say so: a chat built without them (tests) keeps first lines.
    ...(deps.settings === undefined ? {} : { titleMode: () => settings().titles }),
  });
  parts.answers = new AnswerRunner({
    ...deps,
    localize,
    postAbout: (conversation, message) => parts.link.postAbout(conversation, message),
    notice: (message) => host.notice(message),
    saveAndList: (conversation) => parts.history.saveAndList(conversation),
    save: (conversation) => parts.history.save(conversation),
    runningChanged: () => parts.link.runningChanged(),
    unexpected: (error) => host.unexpected(error),
    planner,
    compacted: (conversation) => host.postCompactions(conversation),
    answered: (conversation, message, lastRequest) => host.answered(conversation, message, lastRequest),
    ...(tools === undefined ? {} : { tools }),
  });
  parts.questions = new Questions({
    conversations: parts.conversations,
    answers: parts.answers,
    answering: (conversation) => parts.link.answering(conversation),
    draft: parts.draft,
    models: deps.models,
    env: deps.env,
    log: deps.log,
    localize,
    post: (message) => parts.link.postChat(message),
    notice: (message) => host.notice(message),
    compacted: (conversation) => host.postCompactions(conversation),
  });
  parts.tools = new ChatTools({
    tools,
    models: deps.models,
    answers: () => parts.link.answersHere(),
    questions: () => parts.questions,
    log: deps.log,
    post: (message) => host.post(message),
    enqueue: (operation) => host.enqueue(operation),
  });
  return parts;
}
