/**
 * The review of proposed changes in VS Code: each proposal opens in the diff editor (the file on
 * the left, the proposal on the right, served read-only from the `switchboard-proposal` scheme),
 * with Accept and Reject as the diff editor's title actions. Accept edits the file's editor — the
 * document changes, undo works, nothing is saved behind the user's back (a new file is created
 * empty, its content unsaved) — and only if the document still holds the text the proposal was
 * made from. Reject leaves
 * the file as it is. Then the next queued proposal opens ("Apply All" reviews file by file).
 */

import * as vscode from 'vscode';
import type { ReviewView } from '../../protocol/messages';
import { Emitter, type Event } from '../event';
import { Disposable } from '../lifecycle';
import { isStale, ProposalQueue, type FileProposal, type ProposalDecision } from './proposals';

export const proposalScheme = 'switchboard-proposal';

/** Set while a proposal's diff is open: the Accept and Reject title actions show then. */
const reviewingContextKey = 'switchboard.reviewingProposal';

export interface ProposalReviewOptions {
  newId: () => string;
  log: { info(message: string): void; warn(message: string): void };
  /** Told each decision, so the chat can say what happened to its answer's code. */
  onDecided?: (proposal: FileProposal, outcome: ProposalDecision | 'stale') => void;
}

function proposalUri(proposal: FileProposal): vscode.Uri {
  // The path ends in the file's own name, so the diff editor highlights it in the right language.
  const name = proposal.label.split('/').pop() ?? 'proposal';
  return vscode.Uri.from({ scheme: proposalScheme, path: `/${proposal.id}/${name}` });
}

/** The left side of a new file's diff: nothing. */
function emptyUri(proposal: FileProposal): vscode.Uri {
  return vscode.Uri.from({ scheme: proposalScheme, path: `/${emptyId}/${proposal.label.split('/').pop() ?? 'new'}` });
}

const emptyId = 'empty';

function proposalIdOf(uri: vscode.Uri): string | undefined {
  return uri.scheme === proposalScheme ? uri.path.split('/')[1] : undefined;
}

export class ProposalReview extends Disposable {
  private readonly queue: ProposalQueue;
  private readonly changed = this._register(new Emitter<ReviewView | undefined>());
  /** The proposal under review changed: the one shown now, or undefined when none is left. */
  readonly onDidChange: Event<ReviewView | undefined> = this.changed.event;

  constructor(private readonly options: ProposalReviewOptions) {
    super();
    this.queue = new ProposalQueue(options.newId);
    this._register(
      vscode.workspace.registerTextDocumentContentProvider(proposalScheme, {
        provideTextDocumentContent: (uri) => (proposalIdOf(uri) === emptyId ? '' : (this.queue.get(proposalIdOf(uri) ?? '')?.proposed ?? '')),
      }),
    );
  }

  /** Queues the proposals and shows the first one not yet under review. */
  async propose(proposals: readonly Omit<FileProposal, 'id'>[]): Promise<void> {
    const showing = this.queue.current();
    this.queue.add(proposals);
    // Nothing under review, or the one under review was replaced by a newer proposal for its file.
    if (showing === undefined || this.queue.current()?.id !== showing.id) {
      await this.showCurrent();
    }
  }

  /** Accept or Reject, from the diff editor's title (its resource) or from the chat (the current one). */
  async decide(decision: ProposalDecision, resource?: vscode.Uri): Promise<void> {
    const id = resource === undefined ? this.queue.current()?.id : proposalIdOf(resource);
    const proposal = id === undefined ? undefined : this.queue.take(id);
    if (proposal === undefined) {
      return;
    }
    let outcome: ProposalDecision | 'stale' = decision;
    if (decision === 'accept') {
      outcome = (await this.write(proposal)) ? 'accept' : 'stale';
    }
    this.options.log.info(`Proposal for ${proposal.label}: ${outcome === 'accept' ? 'accepted' : outcome === 'reject' ? 'rejected' : 'not applied: the file changed since'}.`);
    this.options.onDecided?.(proposal, outcome);
    await this.closeDiff(proposal);
    await this.showCurrent();
  }

  /** Writes the proposal into the document; false when the document changed since the proposal. */
  private async write(proposal: FileProposal): Promise<boolean> {
    const target = vscode.Uri.parse(proposal.target, true);
    if (proposal.createsFile === true) {
      return this.create(target, proposal);
    }
    const document = await vscode.workspace.openTextDocument(target);
    if (isStale(proposal, document.getText())) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} changed after the proposal was made, so it was not applied. Apply the code again.', proposal.label));
      return false;
    }
    // An edit in the file's editor, not a WorkspaceEdit: VS Code saves a WorkspaceEdit's files that
    // were not open in an editor (files.refactoring.autoSave), and nothing may be saved behind the
    // user's back. The editor's edit is one undo step, and the file stays dirty until saved.
    const editor = await vscode.window.showTextDocument(document, { preview: false });
    const whole = new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length));
    const applied = await editor.edit((builder) => builder.replace(whole, proposal.proposed));
    if (!applied) {
      this.options.log.warn(`VS Code refused the edit of ${proposal.label}.`);
    }
    return applied;
  }

  /** A new file: created empty, the proposal in its editor unsaved — unless a file appeared there meanwhile. */
  private async create(target: vscode.Uri, proposal: FileProposal): Promise<boolean> {
    const exists = await vscode.workspace.fs.stat(target).then(
      () => true,
      () => false,
    );
    if (exists) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} exists now, so the proposed new file was not created. Apply the code again.', proposal.label));
      return false;
    }
    // The file is created empty, and the proposal goes into its editor unsaved, as for an existing file.
    const creation = new vscode.WorkspaceEdit();
    creation.createFile(target, { ignoreIfExists: false });
    if (!(await vscode.workspace.applyEdit(creation))) {
      this.options.log.warn(`VS Code refused to create ${proposal.label}.`);
      return false;
    }
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(target), { preview: false });
    return editor.edit((builder) => builder.insert(new vscode.Position(0, 0), proposal.proposed));
  }

  /** The proposal under review, as the chat's bar shows it. */
  current(): ReviewView | undefined {
    const proposal = this.queue.current();
    return proposal === undefined ? undefined : { label: proposal.label, how: proposal.how, remaining: this.queue.size };
  }

  private async showCurrent(): Promise<void> {
    const proposal = this.queue.current();
    this.changed.fire(this.current());
    await vscode.commands.executeCommand('setContext', reviewingContextKey, proposal !== undefined);
    if (proposal === undefined) {
      return;
    }
    const title = vscode.l10n.t('{0} ↔ proposed ({1})', proposal.label, proposal.how);
    const left = proposal.createsFile === true ? emptyUri(proposal) : vscode.Uri.parse(proposal.target, true);
    await vscode.commands.executeCommand('vscode.diff', left, proposalUri(proposal), title, { preview: false });
  }

  private async closeDiff(proposal: FileProposal): Promise<void> {
    const uri = proposalUri(proposal).toString();
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.toString() === uri);
    if (tabs.length > 0) {
      await vscode.window.tabGroups.close(tabs);
    }
  }
}
