import type { Db } from '../db/open.js';
import { addDays } from './period.js';
import { campaigns, flows, type EmailCounts, type Range } from './queries.js';
import type { EmailRow, Period } from './types.js';

export const ratio = (a: number | null | undefined, b: number | null | undefined): number | null =>
  a === null || a === undefined || b === null || b === undefined || b === 0 ? null : a / b;

type Counts = EmailCounts;

function row(kind: EmailRow['kind'], platform: string, name: string, date: string | null, c: Counts): EmailRow {
  return {
    kind,
    platform,
    name,
    date,
    recipients: c.recipients,
    delivered: c.delivered,
    open_rate: ratio(c.unique_opens, c.delivered),
    click_rate: ratio(c.unique_clicks, c.delivered),
    click_to_open: ratio(c.unique_clicks, c.unique_opens),
    unsubscribe_rate: ratio(c.unsubscribes, c.delivered),
    revenue: c.revenue,
    revenue_per_recipient: ratio(c.revenue, c.recipients),
  };
}

const add = (a: number | null, b: number | null): number | null => (a === null ? b : b === null ? a : a + b);
const KEYS = ['recipients', 'delivered', 'unique_opens', 'unique_clicks', 'unsubscribes', 'revenue'] as const;
const sum = (all: Counts[]): Counts =>
  Object.fromEntries(KEYS.map((k) => [k, all.reduce<number | null>((s, c) => add(s, c[k]), null)])) as unknown as Counts;

/** A flow row counts when its day is in the period, or its month lies wholly inside it. */
function covered(period: string, p: Period): boolean {
  if (period.length === 10) return period >= p.since && period <= p.until;
  const first = `${period}-01`;
  const last = addDays(`${addDays(first, 31).slice(0, 7)}-01`, -1);
  return first >= p.since && last <= p.until;
}

export interface EmailSection {
  campaigns: EmailRow[];
  flows: EmailRow[];
  total: EmailRow | null;
  /** Flow rows of months that only partly overlap the period (left out). */
  partialMonths: number;
}

/** Campaigns sent in the period and flow messages of the period, each flow summed over its messages. */
export function emailSection(db: Db, r: Range, p: Period): EmailSection {
  const cs = campaigns(db, r).map((c) => ({ ...c, counts: { ...c } as Counts }));
  const fRows = flows(db, r);
  const kept = fRows.filter((f) => covered(f.period, p));
  const byFlow = new Map<string, { platform: string; rows: Counts[] }>();
  for (const f of kept) {
    const key = `${f.platform}\u0000${f.flow_name}`;
    const entry = byFlow.get(key) ?? { platform: f.platform, rows: [] };
    // A flow has no recipients column: its delivered emails stand for them.
    entry.rows.push({ ...f, recipients: f.delivered });
    byFlow.set(key, entry);
  }
  const flowRows = [...byFlow.entries()].map(([key, f]) => row('flow', f.platform, key.split('\u0000')[1]!, null, sum(f.rows)));
  const campaignRows = cs.map((c) => row('campaign', c.platform, c.name, c.sent_at?.slice(0, 10) ?? null, c.counts));
  const all = [...cs.map((c) => c.counts), ...kept.map((f) => ({ ...f, recipients: f.delivered }))];
  return {
    campaigns: campaignRows,
    flows: flowRows,
    total: all.length > 0 ? row('total', '', 'All email', null, sum(all)) : null,
    partialMonths: fRows.filter((f) => f.period.length === 7 && !covered(f.period, p)).length,
  };
}
