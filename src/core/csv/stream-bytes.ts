import { isUtf8 } from 'node:buffer';

// Byte-level helpers of the streaming reader: where invalid UTF-8 starts, and where a sample may cut
// a character in two. Kept apart from stream.ts so each file reads on its own.

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
