/**
 * The state of every generated id, column by column in typed arrays (about 40 bytes an id), so
 * that 300k items fit in a few megabytes and a lookup is an array index. Row `i` is id
 * `firstId + i`. What is a pure function of (seed, id) (texts, author, score curve) is not stored.
 */
import type { Kind } from './item-traits';

/** Bits of `flags`. */
export const DELETED = 1;
export const DEAD = 2;

/** No row (no parent, no kid, no next sibling). */
export const NONE = -1;

/** Columns of the table; each grows by doubling. */
export class ItemTable {
  /** rows in use */
  length = 0;
  createdMs = new Float64Array(0);
  kind = new Uint8Array(0);
  flags = new Uint8Array(0);
  edits = new Uint8Array(0);
  /** parent row (comments), poll row (pollopts) */
  parent = new Int32Array(0);
  /** the row of the story or poll a thread hangs from */
  root = new Int32Array(0);
  /** replies as a linked list, newest first */
  firstKid = new Int32Array(0);
  nextSibling = new Int32Array(0);
  /** live comments under a story or poll */
  descendants = new Int32Array(0);
  /** a poll's option count (its next rows) */
  parts = new Uint8Array(0);
  /** the author's items as a linked list, newest first */
  nextByAuthor = new Int32Array(0);
  /** item requests served per row */
  requests = new Uint32Array(0);

  constructor(capacity: number) {
    this.resize(Math.max(1024, capacity));
  }

  /** Appends a row and returns its index. */
  append(createdMs: number, kind: Kind): number {
    if (this.length === this.createdMs.length) this.resize(this.length * 2);
    const row = this.length++;
    this.createdMs[row] = createdMs;
    this.kind[row] = kind;
    this.parent[row] = NONE;
    this.root[row] = NONE;
    this.firstKid[row] = NONE;
    this.nextSibling[row] = NONE;
    this.nextByAuthor[row] = NONE;
    return row;
  }

  /** Links `row` as the newest reply of `parentRow`. */
  linkKid(parentRow: number, row: number): void {
    this.parent[row] = parentRow;
    this.nextSibling[row] = this.firstKid[parentRow] ?? NONE;
    this.firstKid[parentRow] = row;
  }

  /** The rows of a row's replies, newest first. */
  kidRows(row: number): number[] {
    const rows: number[] = [];
    for (let kid = this.firstKid[row] ?? NONE; kid !== NONE; kid = this.nextSibling[kid] ?? NONE) rows.push(kid);
    return rows;
  }

  /** The first row created after `ms` (binary search: creation times never decrease). */
  firstRowAfter(ms: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.createdMs[middle] ?? 0) <= ms) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** Bytes held by the columns. */
  bytes(): number {
    const columns = [this.createdMs, this.kind, this.flags, this.edits, this.parent, this.root, this.firstKid, this.nextSibling, this.descendants, this.parts, this.nextByAuthor, this.requests];
    return columns.reduce((sum, column) => sum + column.byteLength, 0);
  }

  private resize(capacity: number): void {
    this.createdMs = grow(this.createdMs, new Float64Array(capacity));
    this.kind = grow(this.kind, new Uint8Array(capacity));
    this.flags = grow(this.flags, new Uint8Array(capacity));
    this.edits = grow(this.edits, new Uint8Array(capacity));
    this.parent = grow(this.parent, new Int32Array(capacity));
    this.root = grow(this.root, new Int32Array(capacity));
    this.firstKid = grow(this.firstKid, new Int32Array(capacity));
    this.nextSibling = grow(this.nextSibling, new Int32Array(capacity));
    this.descendants = grow(this.descendants, new Int32Array(capacity));
    this.parts = grow(this.parts, new Uint8Array(capacity));
    this.nextByAuthor = grow(this.nextByAuthor, new Int32Array(capacity));
    this.requests = grow(this.requests, new Uint32Array(capacity));
  }
}

function grow<T extends Float64Array | Int32Array | Uint32Array | Uint8Array>(old: T, next: T): T {
  next.set(old);
  return next;
}

/** A growable list of rows. */
export class RowList {
  private rows = new Int32Array(256);
  length = 0;

  push(row: number): void {
    if (this.length === this.rows.length) {
      const next = new Int32Array(this.rows.length * 2);
      next.set(this.rows);
      this.rows = next;
    }
    this.rows[this.length++] = row;
  }

  at(index: number): number {
    return this.rows[index] ?? NONE;
  }
}
