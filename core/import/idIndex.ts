/**
 * The ids of an import in file order, with duplicate detection, kept off the JavaScript heap:
 * UTF-8 bytes in one growing buffer plus typed arrays. A Map of a million id strings costs ~60 MB
 * of heap and makes V8 grow far past that while the import churns; this costs ~30 MB and no GC.
 */
export class IdIndex {
  private bytes = Buffer.allocUnsafe(1 << 20);
  private used = 0;
  private starts = new Uint32Array(1 << 12); // starts[i]..starts[i + 1] are id i's bytes
  private lines = new Uint32Array(1 << 12);
  private slots = new Int32Array(1 << 13).fill(-1); // open addressing: entry index or -1
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds an id first seen on `line`; if it was already added, returns the earlier line instead. */
  add(id: string, line: number): number | undefined {
    const len = Buffer.byteLength(id);
    this.ensureBytes(len);
    this.bytes.write(id, this.used, 'utf8');
    const mask = this.slots.length - 1;
    let slot = fnv1a(this.bytes, this.used, this.used + len) & mask;
    for (let entry; (entry = this.slots[slot]) !== -1; slot = (slot + 1) & mask) {
      const start = this.starts[entry];
      const end = this.endOf(entry);
      if (end - start === len && this.bytes.compare(this.bytes, this.used, this.used + len, start, end) === 0) return this.lines[entry];
    }
    if (this.count + 2 > this.starts.length) this.growEntries();
    this.slots[slot] = this.count;
    this.starts[this.count] = this.used;
    this.lines[this.count] = line;
    this.used += len;
    this.starts[++this.count] = this.used;
    if (this.count * 2 > this.slots.length) this.rehash();
    return undefined;
  }

  id(i: number): string {
    return this.bytes.toString('utf8', this.starts[i], this.endOf(i));
  }

  line(i: number): number {
    return this.lines[i];
  }

  private endOf(i: number): number {
    return i + 1 < this.count ? this.starts[i + 1] : this.used;
  }

  private ensureBytes(extra: number) {
    if (this.used + extra <= this.bytes.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.used + extra));
    this.bytes.copy(next, 0, 0, this.used);
    this.bytes = next;
  }

  private growEntries() {
    const grow = (a: Uint32Array) => {
      const b = new Uint32Array(a.length * 2);
      b.set(a);
      return b;
    };
    this.starts = grow(this.starts);
    this.lines = grow(this.lines);
  }

  private rehash() {
    this.slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = this.slots.length - 1;
    for (let i = 0; i < this.count; i++) {
      let slot = fnv1a(this.bytes, this.starts[i], this.endOf(i)) & mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & mask;
      this.slots[slot] = i;
    }
  }
}

// FNV-1a, 32-bit (Fowler, Noll, Vo): a fast, well-spread hash for short keys.
function fnv1a(buf: Buffer, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h >>> 0;
}
