/**
 * The recent changes of items (created, replied to, deleted, killed, edited), newest last, in a
 * fixed ring: what `/v0/updates.json` reads. Older entries are overwritten, as that endpoint only
 * ever shows the last few minutes.
 */
export class ChangeLog {
  private readonly times: Float64Array;
  private readonly rows: Int32Array;
  private next = 0;
  private count = 0;

  constructor(readonly capacity = 1 << 16) {
    this.times = new Float64Array(capacity);
    this.rows = new Int32Array(capacity);
  }

  /** Records that `row` changed at `atMs` (calls come in time order). */
  record(atMs: number, row: number): void {
    this.times[this.next] = atMs;
    this.rows[this.next] = row;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count++;
  }

  /** Rows changed in (`afterMs`, `untilMs`], newest first, each once. */
  changedRows(afterMs: number, untilMs: number): number[] {
    const seen = new Set<number>();
    const rows: number[] = [];
    for (let i = 1; i <= this.count; i++) {
      const slot = (this.next - i + this.capacity) % this.capacity;
      const at = this.times[slot] ?? 0;
      if (at <= afterMs) break;
      const row = this.rows[slot] ?? -1;
      if (at > untilMs || seen.has(row)) continue;
      seen.add(row);
      rows.push(row);
    }
    return rows;
  }
}
