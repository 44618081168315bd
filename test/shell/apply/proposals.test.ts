/**
 * The queue of proposed changes under review: one per file (a newer proposal replaces the
 * older), reviewed in the order proposed, and never written over a file that changed since.
 */

import assert from 'node:assert/strict';
import { isStale, ProposalQueue, type FileProposal } from '../../../src/shell/apply/proposals';

function proposal(target: string, proposed = 'new\n', original = 'old\n'): Omit<FileProposal, 'id'> {
  return { target, label: target.replace('file:///w/', ''), original, proposed, how: 'whole file' };
}

describe('proposals under review', () => {
  it('reviews file by file in the order proposed; a decided one leaves, the next becomes current', () => {
    let next = 0;
    const queue = new ProposalQueue(() => `p${++next}`);
    const [a, b] = queue.add([proposal('file:///w/a.ts'), proposal('file:///w/b.ts')]);
    assert.deepStrictEqual([queue.current()?.id, queue.size], [a?.id, 2]);
    assert.equal(queue.take(a?.id ?? '')?.target, 'file:///w/a.ts');
    assert.deepStrictEqual([queue.current()?.id, queue.size], [b?.id, 1]);
    assert.equal(queue.take('no-such-id'), undefined);
    assert.equal(queue.take(b?.id ?? '')?.target, 'file:///w/b.ts');
    assert.equal(queue.current(), undefined);
  });

  it('a newer proposal for a file replaces the queued one in its place', () => {
    let next = 0;
    const queue = new ProposalQueue(() => `p${++next}`);
    queue.add([proposal('file:///w/a.ts', 'first\n'), proposal('file:///w/b.ts')]);
    const [newer] = queue.add([proposal('file:///w/a.ts', 'second\n')]);
    assert.deepStrictEqual(
      [queue.size, queue.current()?.id, queue.current()?.proposed],
      [2, newer?.id, 'second\n'],
    );
    assert.equal(queue.get('p1'), undefined);
  });

  it('stale when the file no longer holds the text the proposal was made from; line endings alone do not count', () => {
    const made = { ...proposal('file:///w/a.ts', 'x\n', 'one\ntwo\n'), id: 'p1' };
    assert.deepStrictEqual([isStale(made, 'one\ntwo\n'), isStale(made, 'one\r\ntwo\r\n'), isStale(made, 'one\ntwo\nthree\n')], [false, false, true]);
  });
});
