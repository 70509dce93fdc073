import type { PdfDocument } from "./pdf-document";
import type { PdfObject } from "./pdf-objects";

/**
 * Which indirect objects of one revision refer to which, starting from the trailer. Every edge
 * counts, /P and /Parent included: an object is "used elsewhere" as soon as any other object
 * reaches it.
 */
export class ReferenceGraph {
  /** Objects reachable from the trailer. */
  readonly reachable = new Set<number>();
  /** Object number -> numbers of the objects that refer to it (0 stands for the trailer). */
  readonly referrers = new Map<number, Set<number>>();
  /** Object number -> numbers it refers to. */
  readonly references = new Map<number, Set<number>>();

  constructor(
    private readonly doc: PdfDocument,
    readonly revision: number,
  ) {
    const trailer = doc.revisions[revision].trailer;
    const pending: number[] = [];
    const note = (from: number, value: PdfObject | undefined) => {
      for (const num of directReferences(value)) {
        let set = this.referrers.get(num);
        if (!set) this.referrers.set(num, (set = new Set()));
        set.add(from);
        let out = this.references.get(from);
        if (!out) this.references.set(from, (out = new Set()));
        out.add(num);
        if (!this.reachable.has(num)) {
          this.reachable.add(num);
          pending.push(num);
        }
      }
    };
    for (const [key, value] of trailer.entries) if (key !== "Prev" && key !== "XRefStm") note(0, value);
    let steps = 0;
    while (pending.length > 0) {
      const num = pending.pop() as number;
      if ((++steps & 1023) === 0) doc.budget.checkTime();
      const object = doc.getObject(num, revision);
      if (object) note(num, object.value);
    }
  }

  referrersOf(num: number): Set<number> {
    return this.referrers.get(num) ?? new Set();
  }

  /** Objects reachable from `start` without passing through `stopAt` (the start objects included). */
  reachableFrom(start: Iterable<number>, stopAt: ReadonlySet<number> = new Set()): Set<number> {
    const out = new Set<number>();
    const pending = [...start];
    while (pending.length > 0) {
      const num = pending.pop() as number;
      if (out.has(num) || stopAt.has(num)) continue;
      out.add(num);
      for (const next of this.references.get(num) ?? []) pending.push(next);
    }
    return out;
  }

  /**
   * The part of `subtree` used by nothing outside it: objects whose every referrer is in the
   * part itself (computed to a fixed point from `roots`).
   */
  ownedBy(roots: Iterable<number>, subtree: ReadonlySet<number>): Set<number> {
    const owned = new Set(roots);
    let grew = true;
    while (grew) {
      grew = false;
      for (const num of subtree) {
        if (owned.has(num)) continue;
        const referrers = this.referrersOf(num);
        if (referrers.size > 0 && [...referrers].every((r) => owned.has(r))) {
          owned.add(num);
          grew = true;
        }
      }
    }
    return owned;
  }
}

/** Object numbers referred to by a value, without resolving anything. */
export function directReferences(value: PdfObject | undefined): number[] {
  const out: number[] = [];
  const stack: Array<PdfObject | undefined> = [value];
  let steps = 0;
  while (stack.length > 0 && steps++ < 1_000_000) {
    const item = stack.pop();
    if (item === null || item === undefined || typeof item !== "object") continue;
    switch (item.kind) {
      case "ref":
        out.push(item.num);
        break;
      case "array":
        for (const child of item.items) stack.push(child);
        break;
      case "dict":
        for (const child of item.entries.values()) stack.push(child);
        break;
      case "stream":
        for (const child of item.dict.entries.values()) stack.push(child);
        break;
      default:
        break;
    }
  }
  return out;
}
