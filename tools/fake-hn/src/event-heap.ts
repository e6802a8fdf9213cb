/** Seeded life events still to happen, earliest first (a binary min-heap on time, then order of scheduling). */

/** What happens to an item. */
export const EVENT = Object.freeze({ delete: 1, dead: 2, edit: 3 });
export type EventType = (typeof EVENT)[keyof typeof EVENT];

/** One scheduled event. */
export interface ScheduledEvent {
  readonly atMs: number;
  readonly row: number;
  readonly type: EventType;
  /** scheduling order: ties on `atMs` keep it, so replaying in any steps gives the same order */
  readonly seq: number;
}

export class EventHeap {
  private readonly heap: ScheduledEvent[] = [];
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** When the earliest event happens; `Infinity` when none is scheduled. */
  peekTime(): number {
    return this.heap[0]?.atMs ?? Infinity;
  }

  push(atMs: number, row: number, type: EventType): void {
    const heap = this.heap;
    heap.push({ atMs, row, type, seq: this.seq++ });
    let index = heap.length - 1;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      if (!before(this.at(index), this.at(parentIndex))) break;
      this.swap(index, parentIndex);
      index = parentIndex;
    }
  }

  /** Removes and returns the earliest event. */
  pop(): ScheduledEvent | undefined {
    const heap = this.heap;
    const top = heap[0];
    const last = heap.pop();
    if (top === undefined || last === undefined || heap.length === 0) return top;
    heap[0] = last;
    let index = 0;
    for (;;) {
      const left = 2 * index + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && before(this.at(left), this.at(smallest))) smallest = left;
      if (right < heap.length && before(this.at(right), this.at(smallest))) smallest = right;
      if (smallest === index) return top;
      this.swap(smallest, index);
      index = smallest;
    }
  }

  /** The entry at an index known to be in range. */
  private at(index: number): ScheduledEvent {
    return this.heap[index] as ScheduledEvent;
  }

  private swap(a: number, b: number): void {
    const entry = this.at(a);
    this.heap[a] = this.at(b);
    this.heap[b] = entry;
  }
}

function before(a: ScheduledEvent, b: ScheduledEvent): boolean {
  return a.atMs < b.atMs || (a.atMs === b.atMs && a.seq < b.seq);
}
