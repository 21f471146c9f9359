import { KPI_NAMES, type KpiName, type Target } from './types.js';

/**
 * KPI targets from shopflow.yaml: `refund_rate: "< 5%"`, `aov: ">= 40"`, `orders: "> 100"`.
 * A percentage is a rate (5% = 0.05); a plain number is compared as it is.
 */
export interface ParsedTarget {
  op: '<' | '<=' | '>' | '>=';
  value: number;
}

const TARGET = /^\s*(<=|>=|<|>|≤|≥)\s*(-?\d+(?:\.\d+)?)\s*(%?)\s*$/;

export function parseTarget(text: string): ParsedTarget | undefined {
  const m = TARGET.exec(text);
  if (!m) return undefined;
  const op = m[1] === '≤' ? '<=' : m[1] === '≥' ? '>=' : (m[1] as ParsedTarget['op']);
  const n = Number(m[2]);
  return { op, value: m[3] ? n / 100 : n };
}

export const isKpiName = (s: string): s is KpiName => (KPI_NAMES as readonly string[]).includes(s);

/** Why a kpi_targets entry is wrong, or undefined when it is fine (used by the config schema). */
export function targetProblem(kpi: string, text: string): string | undefined {
  if (!isKpiName(kpi)) return `"${kpi}" is not a KPI; known: ${KPI_NAMES.join(', ')}`;
  if (!parseTarget(text)) return `"${text}" is not a target; write e.g. "< 5%", ">= 40" or "> 100"`;
  return undefined;
}

const meets = (t: ParsedTarget, v: number): boolean => {
  // Rates are compared to the precision they are shown with (0.1 %), amounts as they are.
  const x = Math.round(v * 1e6) / 1e6;
  return t.op === '<' ? x < t.value : t.op === '<=' ? x <= t.value : t.op === '>' ? x > t.value : x >= t.value;
};

/** Checks each target; a KPI without a value (n/a) misses its target. */
export function checkTargets(targets: Record<string, string>, kpis: Record<KpiName, number | null>): Target[] {
  return Object.entries(targets).flatMap(([kpi, text]) => {
    const t = parseTarget(text);
    if (!isKpiName(kpi) || !t) return [];
    const value = kpis[kpi];
    return [{ kpi, target: text, value, met: value !== null && meets(t, value) }];
  });
}
