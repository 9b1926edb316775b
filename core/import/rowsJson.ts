/**
 * One import batch's rows as the bytes of a JSON array, each row copied as it is (a JSONL line's
 * bytes, or a CSV record's JSON): the rows were parsed once to validate them and are never
 * decoded, re-serialized or escaped to be stored.
 */
export class RowsJson {
  private buf = Buffer.allocUnsafe(1 << 18);
  private used = 1;
  private rows = 0;

  constructor() {
    this.buf[0] = 0x5b; // [
  }

  /** Appends one row: valid JSON text, or its UTF-8 bytes. */
  add(json: string | Buffer): void {
    const len = typeof json === 'string' ? Buffer.byteLength(json) : json.length;
    this.reserve(len + 2);
    if (this.rows++ > 0) this.buf[this.used++] = 0x2c; // ,
    this.used += typeof json === 'string' ? this.buf.write(json, this.used, 'utf8') : json.copy(this.buf, this.used);
  }

  /** The array's bytes so far; the builder starts over empty. */
  take(): Buffer {
    this.buf[this.used++] = 0x5d; // ]
    const out = Buffer.from(this.buf.subarray(0, this.used));
    this.used = 1;
    this.rows = 0;
    return out;
  }

  private reserve(extra: number) {
    if (this.used + extra <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.used + extra));
    this.buf.copy(next, 0, 0, this.used);
    this.buf = next;
  }
}
