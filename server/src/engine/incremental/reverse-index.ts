/**
 * "Who points at this file": for each file, the files whose recorded references (reads, edges)
 * include it. Kept up to date one file at a time as its references are replaced.
 */
export class ReverseIndex {
  private readonly byTarget = new Map<string, Set<string>>();

  of(target: string): ReadonlySet<string> {
    return this.byTarget.get(target) ?? EMPTY;
  }

  /** `source` referenced `before` and now references `after`. */
  replace(source: string, before: Iterable<string>, after: Iterable<string>): void {
    for (const target of before) {
      const sources = this.byTarget.get(target);
      sources?.delete(source);
      if (sources?.size === 0) this.byTarget.delete(target);
    }
    for (const target of after) {
      let sources = this.byTarget.get(target);
      if (!sources) {
        sources = new Set();
        this.byTarget.set(target, sources);
      }
      sources.add(source);
    }
  }
}

const EMPTY: ReadonlySet<string> = new Set();
