/**
 * Mailchimp email campaign reports (kind `email_campaigns`): the all-campaigns report (one row per
 * campaign) and the single-campaign and A/B reports (key/value lines). See email.ts.
 */
import { InputError } from '../../errors.js';
import { compact } from '../../lib/objects.js';
import type { EmailCampaignRecord, ImportAdapter, ImportInput, ImportRecord, Probe, Stamp } from '../records.js';
import { cents, count, id, money, stamp, text, ValueError } from '../values.js';
import { cellValue, Columns, guarded, RowSkip } from '../columns.js';
import { blankCells, campaignColumns, campaignRows, cellsOf, derive, fraction, textRecords } from '../report-files.js';

// --- Mailchimp all-campaigns report ------------------------------------------------------------------

export const mailchimpCampaigns: ImportAdapter = {
  kind: 'email_campaigns',
  platform: 'mailchimp',
  layout: 'Mailchimp all-campaigns report',
  detect(probe: Probe): number {
    const cols = new Columns(probe.header, 'loose');
    if (!cols.hasAll('Title', 'Send Date')) return 0;
    if (!cols.has('Unique Id', 'Successful Deliveries', 'Total Recipients', 'Unique Opens')) return 0;
    return cols.has('Unique Id') ? 80 : 70;
  },
  read(input: ImportInput): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header, 'loose');
    const c = {
      ...campaignColumns(cols),
      sent: cols.col('Send Date'),
      bounces: cols.col('Total Bounces'),
      soft: cols.col('Soft Bounces'),
      hard: cols.col('Hard Bounces'),
      orders: cols.col('Total Orders'),
      revenue: cols.col('Total Revenue'),
    };
    return campaignRows(input, cols, { id: 'Unique Id', name: 'Title' }, (cells, found) => {
      const delivered = cellValue(count, cells, c.delivered);
      const soft = cellValue(count, cells, c.soft);
      const hard = cellValue(count, cells, c.hard);
      return compact<EmailCampaignRecord>({
        kind: 'email_campaigns' as const,
        ...found,
        subject: cellValue(text, cells, c.subject),
        list: cellValue(text, cells, c.list),
        sentAt: cellValue(stamp, cells, c.sent),
        recipients: cellValue(count, cells, c.recipients),
        delivered,
        uniqueOpens: derive(cellValue(count, cells, c.opens), () => cellValue(fraction, cells, c.openRate), delivered),
        uniqueClicks: derive(cellValue(count, cells, c.clicks), () => cellValue(fraction, cells, c.clickRate), delivered),
        unsubscribes: cellValue(count, cells, c.unsubscribes),
        bounces: cellValue(count, cells, c.bounces) ?? (soft !== undefined && hard !== undefined ? soft + hard : undefined),
        orders: cellValue(count, cells, c.orders),
        revenue: cellValue(money, cells, c.revenue),
      });
    });
  },
};

// --- Mailchimp single-campaign and A/B reports ------------------------------------------------------

interface KvValue {
  value: string;
  line: number;
  label: string;
}
interface KvSection {
  label: string;
  line: number;
  values: Map<string, KvValue>;
}

const REPORT_TITLE = /^(email )?campaign report$/i;
const STATS = /^(?:overall stats|combination (\d+) stats)$/i;

/** Reads the key/value report into its top part and its sections (`Overall Stats`, `Combination 1 Stats`, `Clicks by URL`…). */
function kvSections(input: ImportInput, raw: string): { top: KvSection; sections: KvSection[] } {
  const top: KvSection = { label: '', line: 1, values: new Map() };
  const sections: KvSection[] = [];
  let current = top;
  for (const rec of textRecords(raw)) {
    let cells: string[];
    try {
      cells = cellsOf(rec.raw);
    } catch (err) {
      input.problem({ line: rec.line, message: (err as Error).message });
      continue;
    }
    if (blankCells(cells)) continue;
    const first = (cells[0] ?? '').trim();
    const rest = cells.slice(1).filter((c) => c.trim() !== '');
    if (first.endsWith(':') && cells.length >= 2) {
      const label = first.slice(0, -1).trim();
      const key = label.toLowerCase();
      if (!current.values.has(key)) current.values.set(key, { value: cells[1] ?? '', line: rec.line, label: first });
    } else if (rest.length === 0 && first !== '') {
      if (REPORT_TITLE.test(first)) current = top;
      else {
        current = { label: first, line: rec.line, values: new Map() };
        sections.push(current);
      }
    }
    // anything else is a row of a section table (clicks by URL…): not needed
  }
  return { top, sections };
}

export const mailchimpReport: ImportAdapter = {
  kind: 'email_campaigns',
  platform: 'mailchimp',
  layout: 'Mailchimp campaign report (single or A/B)',
  detect(probe: Probe): number {
    const lines = probe.firstLines.map((l) => l.trim()).filter((l) => l !== '');
    const unquote = (l: string): string => l.replace(/^"|"$/g, '').trim();
    if (lines.length === 0) return 0;
    const titled = REPORT_TITLE.test(unquote(lines[0]!));
    const kv = (name: string): boolean => lines.some((l) => new RegExp(`^"?${name}:"?,`, 'i').test(l));
    if (titled && (kv('Title') || kv('Total Recipients'))) return 80;
    return kv('Title') && kv('Delivery Date/Time') ? 70 : 0;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const { file } = input;
    const { top, sections } = kvSections(input, await input.text());
    const title = top.values.get('title');
    const sent = top.values.get('delivery date/time');
    if (!title || !text(title.value)) throw new InputError({ file, line: title?.line ?? 1, column: 'Title:' }, 'no "Title:" line; it names the campaign');
    if (!sent || !text(sent.value)) {
      throw new InputError({ file, line: sent?.line ?? 1, column: 'Delivery Date/Time:' }, 'no "Delivery Date/Time:" line; with the title it identifies the campaign');
    }
    const name = text(title.value)!;
    let sentAt: Stamp | undefined;
    try {
      sentAt = stamp(sent.value);
    } catch (err) {
      if (err instanceof ValueError) throw new InputError({ file, line: sent.line, column: 'Delivery Date/Time:' }, err.message);
      throw err;
    }
    const base = `${name}|${sentAt?.local ?? text(sent.value)}`;
    const combos = sections.filter((s) => STATS.exec(s.label)?.[1] !== undefined);
    const overall = sections.find((s) => /^overall stats$/i.test(s.label));
    const blocks = combos.length > 0 ? combos : [overall ?? top];
    const records: EmailCampaignRecord[] = [];
    for (const block of blocks) {
            const rec = guarded(input, block.line, () => {
        const get = (reader: (raw: string | undefined) => unknown, ...keys: string[]): ReturnType<typeof reader> => {
          for (const k of keys) {
            const v = block.values.get(k) ?? top.values.get(k);
            if (!v) continue;
            try {
              return reader(v.value);
            } catch (err) {
              if (err instanceof ValueError) throw new RowSkip({ line: v.line, column: v.label, value: v.value.trim(), message: err.message });
              throw err;
            }
          }
          return undefined;
        };
        const num = (...keys: string[]): number | undefined => get(count, ...keys) as number | undefined;
        return compact<EmailCampaignRecord>({
          kind: 'email_campaigns',
          key: base,
          line: block.line,
          name,
          subject: get(text, 'subject line', 'subject') as string | undefined,
          list: get(text, 'list', 'audience') as string | undefined,
          sentAt,
          recipients: num('total recipients'),
          delivered: num('successful deliveries'),
          uniqueOpens: num('recipients who opened', 'unique opens'),
          uniqueClicks: num('recipients who clicked', 'unique clicks'),
          unsubscribes: num('total unsubs', 'unsubscribes'),
          bounces: num('bounces', 'total bounces'),
          orders: num('total orders', 'orders'),
          revenue: get(money, 'total sales', 'total revenue', 'revenue') as number | undefined,
        });
      });
      if (rec) records.push(rec);
    }
    // An A/B campaign is one campaign: its combinations went to parts of the audience, so their
    // figures add up. One unreadable combination leaves the campaign out (its problem is listed).
    if (records.length === blocks.length) yield combined(records);
  },
};

const SUMMED = ['recipients', 'delivered', 'uniqueOpens', 'uniqueClicks', 'unsubscribes', 'bounces', 'orders', 'revenue'] as const;

/** The combinations of an A/B report as the one campaign they are: figures summed, the subject when they share one. */
function combined(records: EmailCampaignRecord[]): EmailCampaignRecord {
  const [first, ...rest] = records as [EmailCampaignRecord, ...EmailCampaignRecord[]];
  if (rest.length === 0) return first;
  const sum = (f: (typeof SUMMED)[number]): number | undefined =>
    records.some((r) => r[f] === undefined) ? undefined : cents(records.reduce((t, r) => t + r[f]!, 0));
  const subjects = new Set(records.map((r) => r.subject));
  return compact<EmailCampaignRecord>({
    ...first,
    subject: subjects.size === 1 ? first.subject : undefined,
    ...Object.fromEntries(SUMMED.map((f) => [f, sum(f)])),
  });
}
