/**
 * A per-document cache that keeps only the documents used most recently. The analysis of a config
 * holds its syntax tree, data model and diagnostics (~170 KB for a shipped file); an editor with a
 * hundred configs open edits one or two at a time, and a document that fell out is analysed again
 * (1–2 ms) the next time it is asked about.
 */
export class RecentCache<V> {
  private readonly entries = new Map<string, { version: number; value: V }>();

  constructor(private readonly capacity: number) {}

  /** The value cached for this version of the document (which becomes the most recent). */
  get(uri: string, version: number): V | undefined {
    const hit = this.entries.get(uri);
    if (!hit || hit.version !== version) return undefined;
    this.entries.delete(uri);
    this.entries.set(uri, hit);
    return hit.value;
  }

  /** The value cached for the document at whatever version, without making it the most recent. */
  latest(uri: string): { version: number; value: V } | undefined {
    return this.entries.get(uri);
  }

  set(uri: string, version: number, value: V): void {
    this.entries.delete(uri);
    this.entries.set(uri, { version, value });
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(uri: string): void {
    this.entries.delete(uri);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
