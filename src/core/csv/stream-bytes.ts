import { isUtf8 } from 'node:buffer';

// Byte-level helpers of the streaming reader: line numbers across chunks, and where invalid UTF-8
// starts. Kept apart from stream.ts so each file reads on its own.

const LF = 0x0a;
const CR = 0x0d;

/** Physical line numbers over a stream of chunks, kept from its position on; advance it to each record's start. */
export class LineTracker {
  private chunks: Buffer[] = [];
  private base = 0; // offset of chunks[0]
  private end = 0; // offset just past the last chunk
  private pos = 0;
  // The first LF/CR at or after the position in chunks[0] (its length: none), kept between calls so
  // that a chunk without CRs is searched once, not once per record.
  private nextLf = -1;
  private nextCr = -1;
  constructor(public line: number) {}

  /** Bytes kept: the records not yet passed and the chunk csv-parse is about to read. */
  get kept(): number {
    return this.end - this.pos;
  }

  push(buf: Buffer): void {
    this.chunks.push(buf);
    this.end += buf.length;
  }

  advance(to: number): void {
    while (this.pos < to && this.chunks.length > 0) {
      const c = this.chunks[0] as Buffer;
      const from = this.pos - this.base;
      const stop = Math.min(to - this.base, c.length);
      let i = this.nextLf >= from ? this.nextLf : find(c, LF, from);
      for (; i < stop; i = find(c, LF, i + 1)) this.line++;
      let j = this.nextCr >= from ? this.nextCr : find(c, CR, from);
      for (; j < stop; j = find(c, CR, j + 1)) if ((j + 1 < c.length ? c[j + 1] : this.chunks[1]?.[0]) !== LF) this.line++;
      [this.nextLf, this.nextCr, this.pos] = [i, j, this.base + stop];
      if (stop === c.length) {
        this.chunks.shift();
        this.base += c.length;
        this.nextLf = this.nextCr = -1;
      }
    }
  }

  skipLineBreaks(): void {
    for (let b = this.byteAt(this.pos); b === LF || b === CR; b = this.byteAt(this.pos)) this.advance(this.pos + 1);
  }

  /** The bytes kept, from the position on. */
  rest(): Buffer {
    return Buffer.concat(this.chunks).subarray(this.pos - this.base);
  }

  private byteAt(offset: number): number | undefined {
    let at = offset - this.base;
    for (const c of this.chunks) {
      if (at < c.length) return c[at];
      at -= c.length;
    }
    return undefined;
  }
}

/** Index of the first `byte` in `b` at or after `from`, or b.length. */
function find(b: Buffer, byte: number, from: number): number {
  const i = b.indexOf(byte, from);
  return i === -1 ? b.length : i;
}

/** Where the first chunk holding invalid UTF-8 starts (a sequence may span two chunks). */
export class Utf8Check {
  badFrom = Infinity;
  private offset = 0;
  private carry: Buffer | undefined;
  add(chunk: Buffer): void {
    const base = this.offset - (this.carry?.length ?? 0);
    this.offset += chunk.length;
    if (this.badFrom !== Infinity) return;
    const buf = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    const body = buf.subarray(0, buf.length - incompleteTail(buf));
    this.carry = body.length < buf.length ? buf.subarray(body.length) : undefined;
    if (!isUtf8(body)) this.badFrom = base;
  }
  end(): void {
    if (this.carry) this.badFrom = Math.min(this.badFrom, this.offset - this.carry.length);
  }
}

/** Bytes at the end of `b` that start a multi-byte UTF-8 sequence `b` does not finish. */
export function incompleteTail(b: Uint8Array): number {
  for (let k = 1; k <= Math.min(3, b.length); k++) {
    const c = b[b.length - k] as number;
    if ((c & 0xc0) === 0x80) continue;
    const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}
