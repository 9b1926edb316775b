/** An IdList's storage, as plain typed arrays that can be transferred to another thread. */
export interface IdListData {
  bytes: Uint8Array;
  starts: Uint32Array;
  lines: Uint32Array;
  count: number;
}

/**
 * Ids in the order they were added, each with its line, kept off the JavaScript heap: UTF-8 bytes
 * in one growing buffer plus typed arrays. A list of a million id strings costs ~60 MB of heap and
 * makes V8 grow far past that while the import churns; this costs ~30 MB and no GC.
 */
export class IdList {
  protected bytes: Buffer = Buffer.allocUnsafe(1 << 20);
  protected used = 0;
  protected starts: Uint32Array = new Uint32Array(1 << 12); // starts[i]..starts[i + 1] are id i's bytes
  protected lines: Uint32Array = new Uint32Array(1 << 12);
  protected count = 0;

  /** An empty list, or one over a list's storage (as data() gave it). */
  constructor(data?: IdListData) {
    if (!data) return;
    this.bytes = Buffer.from(data.bytes.buffer, data.bytes.byteOffset, data.bytes.byteLength);
    this.used = data.bytes.byteLength;
    this.starts = data.starts;
    this.lines = data.lines;
    this.count = data.count;
  }

  get size(): number {
    return this.count;
  }

  /** Appends an id seen on `line`. */
  push(id: string, line: number): void {
    const len = Buffer.byteLength(id);
    this.reserve(len);
    this.bytes.write(id, this.used, 'utf8');
    this.commit(len, line);
  }

  /** Appends the id whose UTF-8 bytes are src[start, end). */
  protected pushBytes(src: Uint8Array, start: number, end: number, line: number): void {
    this.reserve(end - start);
    for (let i = start, to = this.used; i < end; i++, to++) this.bytes[to] = src[i]; // ids are short: cheaper than set(subarray)
    this.commit(end - start, line);
  }

  private reserve(len: number) {
    if (this.used + len > this.bytes.length) {
      const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + len));
      this.bytes.copy(next, 0, 0, this.used);
      this.bytes = next;
    }
    if (this.count + 2 > this.starts.length) {
      this.starts = grow(this.starts);
      this.lines = grow(this.lines);
    }
  }

  /** Records the `len` bytes just written at the end as the next id. */
  private commit(len: number, line: number) {
    this.lines[this.count] = line;
    this.starts[this.count] = this.used;
    this.used += len;
    this.starts[++this.count] = this.used;
  }

  id(i: number): string {
    return this.bytes.toString('utf8', this.starts[i], this.starts[i + 1]);
  }

  line(i: number): number {
    return this.lines[i];
  }

  /** A copy of the list's storage, trimmed to what is used (its buffers can be transferred). */
  data(): IdListData {
    const bytes = new Uint8Array(this.used);
    bytes.set(this.bytes.subarray(0, this.used));
    return { bytes, starts: this.starts.slice(0, this.count + 1), lines: this.lines.slice(0, this.count), count: this.count };
  }

  /** Removes the last id (IdIndex uses this to take back a duplicate). */
  protected pop(): void {
    this.used = this.starts[--this.count];
  }
}

/** An IdList that refuses duplicates, answering with the line the id was first seen on. */
export class IdIndex extends IdList {
  private slots = new Int32Array(1 << 13).fill(-1); // open addressing: entry index or -1

  /** Always empty at first: the lookup table is built by adding ids (see addAll). */
  constructor() {
    super();
  }

  /** Adds an id first seen on `line`; if it was already added, returns the earlier line instead. */
  add(id: string, line: number): number | undefined {
    this.push(id, line);
    return this.indexLast();
  }

  /**
   * Adds every id of another list in order (as add() would, without decoding them), its lines
   * shifted by `lineOffset`, and reports each one that was already added.
   */
  addAll(list: IdListData, lineOffset: number, onDuplicate: (id: string, line: number, firstLine: number) => void): void {
    for (let i = 0; i < list.count; i++) {
      const line = list.lines[i] + lineOffset;
      this.pushBytes(list.bytes, list.starts[i], list.starts[i + 1], line);
      const earlier = this.indexLast();
      if (earlier !== undefined) onDuplicate(Buffer.from(list.bytes.buffer, list.bytes.byteOffset + list.starts[i], list.starts[i + 1] - list.starts[i]).toString('utf8'), line, earlier);
    }
  }

  /** Indexes the id just pushed, or takes it back and returns the line of the same id added before. */
  private indexLast(): number | undefined {
    const added = this.count - 1;
    const mask = this.slots.length - 1;
    let slot = this.hash(added) & mask;
    for (let entry; (entry = this.slots[slot]) !== -1; slot = (slot + 1) & mask) {
      if (this.sameId(entry, added)) {
        this.pop();
        return this.lines[entry];
      }
    }
    this.slots[slot] = added;
    if (this.count * 2 > this.slots.length) this.rehash();
    return undefined;
  }

  private sameId(a: number, b: number): boolean {
    const [as, ae, bs, be] = [this.starts[a], this.starts[a + 1], this.starts[b], this.starts[b + 1]];
    return ae - as === be - bs && this.bytes.compare(this.bytes, bs, be, as, ae) === 0;
  }

  private hash(i: number): number {
    return fnv1a(this.bytes, this.starts[i], this.starts[i + 1]);
  }

  private rehash() {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = this.hash(i) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = i;
    }
  }
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(Math.max(a.length * 2, 16));
  b.set(a);
  return b;
}

// FNV-1a, 32-bit (Fowler, Noll, Vo): a fast, well-spread hash for short keys.
function fnv1a(buf: Buffer, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h >>> 0;
}
