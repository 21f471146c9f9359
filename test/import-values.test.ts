// The value readers' fast paths against their general ones.
import { describe, expect, it } from 'vitest';
import { stamp } from '../src/core/formats/values.js';

/** stamp() of a 25-character Shopify time takes the fast path; with a space after it, the general one. */
const general = (s: string): unknown => {
  try {
    return stamp(`${s} `);
  } catch (err) {
    return (err as Error).message;
  }
};
const fast = (s: string): unknown => {
  try {
    return stamp(s);
  } catch (err) {
    return (err as Error).message;
  }
};

describe("Shopify's `2025-05-11 09:55:16 -0400`", () => {
  it('reads as the general path reads it, valid or not, and the same time twice in a row too', () => {
    let seed = 42;
    const rand = (n: number): number => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const two = (n: number): string => String(n).padStart(2, '0');
    let valid = 0;
    for (let i = 0; i < 20000; i++) {
      let s = `${1990 + rand(60)}-${two(rand(14))}-${two(rand(33))} ${two(rand(25))}:${two(rand(61))}:${two(rand(62))} ${rand(2) ? '+' : '-'}${two(rand(15))}${two(rand(2) * 30)}`;
      if (rand(10) === 0) {
        // One character changed: a letter, a slash, a space or another digit.
        const at = rand(25);
        s = s.slice(0, at) + 'x/ 7:-+'[rand(7)] + s.slice(at + 1);
      }
      expect(s).toHaveLength(25);
      const want = general(s);
      if (typeof want === 'object') valid++;
      expect(fast(s), s).toEqual(want);
      expect(fast(s), `${s}, again`).toEqual(want);
    }
    expect(valid).toBeGreaterThan(5000);
    expect(fast('2024-02-29 23:59:59 -0500')).toEqual({ local: '2024-02-29T23:59:59', offset: '-05:00', utc: '2024-03-01T04:59:59Z' });
  });
});

describe('record fingerprints', () => {
  it('are 22 characters of SHA-256, and a SHA-1 kept by an older shopflow still matches its text', async () => {
    const { createHash } = await import('node:crypto');
    const { fingerprint, sameFingerprint } = await import('../src/core/lib/hash.js');
    const text = '{"kind":"orders","key":"#1001","name":"#1001"}';
    const print = fingerprint(text);
    expect(print).toBe(createHash('sha256').update(text).digest('base64url').slice(0, 22));
    expect(sameFingerprint(print, text, print)).toBe(true);
    expect(sameFingerprint(fingerprint('{}'), text, print)).toBe(false);
    const legacy = createHash('sha1').update(text).digest('base64');
    expect(legacy).toHaveLength(28);
    expect(sameFingerprint(legacy, text, print)).toBe(true);
    expect(sameFingerprint(legacy, `${text} `, fingerprint(`${text} `))).toBe(false);
    expect(sameFingerprint(undefined, text, print)).toBe(false);
  });
});
