/**
 * Changes proposed to the user's files, waiting for review: what a file held when the proposal
 * was made and what it would hold after it. Nothing here writes a file; the review (the diff
 * editor with Accept and Reject) decides, one file at a time, in the order proposed — "Apply All"
 * queues one proposal per file. A proposal whose file changed since it was made is stale: it is
 * never written over the newer text.
 */

/** One file's proposed change. `target` is the file's URI as a string (the review opens it). */
export interface FileProposal {
  id: string;
  target: string;
  /** The file as the user reads it in titles: its workspace-relative path. */
  label: string;
  /** The file's text (the editor's, unsaved changes included) when the proposal was made. */
  original: string;
  proposed: string;
  /** How the proposal was made, for the review's title ("patch", "whole file", "fragment at line 12"). */
  how: string;
  /** The file does not exist yet: Accept creates it (and finds it stale if it appeared meanwhile). */
  createsFile?: boolean;
}

export type ProposalDecision = 'accept' | 'reject';

export class ProposalQueue {
  private readonly queue: FileProposal[] = [];

  constructor(private readonly newId: () => string) {}

  /** Queues proposals (one per file: a later one for the same file replaces the earlier); returns them with ids. */
  add(proposals: readonly Omit<FileProposal, 'id'>[]): FileProposal[] {
    const added = proposals.map((proposal) => ({ ...proposal, id: this.newId() }));
    for (const proposal of added) {
      const existing = this.queue.findIndex((queued) => queued.target === proposal.target);
      if (existing >= 0) {
        this.queue.splice(existing, 1, proposal);
      } else {
        this.queue.push(proposal);
      }
    }
    return added;
  }

  /** The proposal the review shows now: the first one queued. */
  current(): FileProposal | undefined {
    return this.queue[0];
  }

  get(id: string): FileProposal | undefined {
    return this.queue.find((proposal) => proposal.id === id);
  }

  /** Removes a decided proposal; the next one becomes current. */
  take(id: string): FileProposal | undefined {
    const index = this.queue.findIndex((proposal) => proposal.id === id);
    return index < 0 ? undefined : this.queue.splice(index, 1)[0];
  }

  get size(): number {
    return this.queue.length;
  }
}

/** Whether the file no longer holds the text the proposal was made from (then it is not written). */
export function isStale(proposal: FileProposal, currentText: string): boolean {
  return normalizeEndings(currentText) !== normalizeEndings(proposal.original);
}

/** Line endings do not make a proposal stale: VS Code may report a file's text with either. */
function normalizeEndings(text: string): string {
  return text.replace(/\r\n/g, '\n');
}
