import type { KpiName, Target } from './types.js';
import { isKpiName, parseTarget, type ParsedTarget } from '../config/kpi-targets.js';

export { parseTarget, type ParsedTarget } from '../config/kpi-targets.js';

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
