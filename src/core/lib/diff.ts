export interface DiffPart {
  op: 'same' | 'add' | 'del';
  text: string;
}

/**
 * A word-level diff (LCS over words and the spaces between them), good enough for showing a
 * shopper-facing text against its replacement. Inputs past a few thousand words fall back to
 * "all removed, all added" so a pathological pair never stalls the review.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokens(before);
  const b = tokens(after);
  if (a.length * b.length > 4_000_000) return merge([...a.map((t) => ({ op: 'del' as const, text: t })), ...b.map((t) => ({ op: 'add' as const, text: t }))]);
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i]!;
    const next = lcs[i + 1]!;
    for (let j = m - 1; j >= 0; j--) row[j] = a[i] === b[j] ? next[j + 1]! + 1 : Math.max(next[j]!, row[j + 1]!);
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      parts.push({ op: 'same', text: a[i]! });
      i++;
      j++;
    } else if (lcs[i + 1]![j]! >= lcs[i]![j + 1]!) parts.push({ op: 'del', text: a[i++]! });
    else parts.push({ op: 'add', text: b[j++]! });
  }
  while (i < n) parts.push({ op: 'del', text: a[i++]! });
  while (j < m) parts.push({ op: 'add', text: b[j++]! });
  return merge(parts);
}

function tokens(s: string): string[] {
  return s.match(/\s+|[^\s]+/g) ?? [];
}

function merge(parts: DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    const last = out[out.length - 1];
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}
