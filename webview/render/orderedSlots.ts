/**
 * The parts of an element that come and go but keep one order (a message's attachments, rounds,
 * reasoning, text, tool calls, notes, error): each part is put in its slot, after the parts before
 * it that are there, whenever it first appears.
 */

export class OrderedSlots<Name extends string> {
  private readonly present = new Map<Name, Element>();

  constructor(
    private readonly parent: Element,
    private readonly order: readonly Name[],
  ) {}

  /** Puts `element` in the slot `name` (replacing what was there), or empties the slot. */
  set(name: Name, element: Element | undefined): void {
    const old = this.present.get(name);
    if (old === element) {
      return;
    }
    if (element === undefined) {
      old?.remove();
      this.present.delete(name);
      return;
    }
    this.present.set(name, element);
    if (old !== undefined) {
      old.replaceWith(element);
      return;
    }
    const next = this.order
      .slice(this.order.indexOf(name) + 1)
      .map((later) => this.present.get(later))
      .find((later) => later !== undefined);
    this.parent.insertBefore(element, next ?? null);
  }
}
