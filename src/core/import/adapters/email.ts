/**
 * Email imports: campaigns (kind `email_campaigns`) and automated flows (kind `email_flows`).
 *
 * Layouts:
 *   - Mailchimp all-campaigns report (Reports › Export): one row per campaign, key `Unique Id`.
 *   - Mailchimp single-campaign report and A/B (multivariate) report: key/value lines, not a table;
 *     one record per report, or one per combination when the file has `Combination N Stats` blocks.
 *     They carry no campaign id: key = title + delivery time (+ `|combination N`).
 *   - Klaviyo campaigns export: key `Campaign ID`; rates are percent strings.
 *   - Klaviyo flow performance export, monthly (`Month` 08/2025) or the per-day, per-message variant
 *     (`Day`, `Flow Message ID`…); rates are fractions here.
 *   - Generic email campaigns sheet (platform generic), documented here:
 *
 * Generic email campaign columns (names case-insensitive; spaces, `_` and `-` are interchangeable):
 *   name            required  the campaign's name
 *   sent_at         required  send time: 2025-06-01 09:30, 2025-06-01T09:30:00-04:00, Jun 1, 2025 9:30 am
 *   recipients      required  emails sent
 *   delivered       required  emails delivered (recipients − bounces)
 *   unique_opens    required  recipients who opened
 *   unique_clicks   required  recipients who clicked
 *   unsubscribes    optional
 *   bounces         optional
 *   revenue         optional  revenue attributed to the campaign (store currency)
 *   orders          optional  orders attributed to the campaign
 *   id              optional  the campaign's id in your tool; the key when present
 *   subject         optional
 * Key: `id` when the column is there, else `${name}|${sent_at}`; a key seen twice is a row problem.
 *
 * Detection scores follow the other adapters: a platform's own layout 70–80, a generic sheet 1–5.
 *
 * Counts and rates: counts are read as written (`1204`, `64517.0`, `"1,751"`, `"141 (8.1%)"`).
 * When a count is missing but its rate is there, it is derived: round(rate × delivered); bounces
 * (whose rate is over recipients on Klaviyo) round(rate × recipients), or from delivered alone
 * round(rate × delivered ÷ (1 − rate)).
 */
import { InputError } from '../../errors.js';
import { dropUndefined } from '../../formats/detect.js';
import type { EmailCampaignRecord, EmailFlowRecord, ImportAdapter, ImportInput, ImportRecord, Probe, Stamp } from '../types.js';
import { count, day, id, list, money, month, stamp, text, ValueError } from '../values.js';
import {
  blankCells,
  cellsOf,
  cellValue,
  type Col,
  findCol,
  fraction,
  genericScore,
  guarded,
  missingColumn,
  RowSkip,
  textRecords,
} from './traffic.js';

/** The count when given; else round(rate × base). The rate is read only when needed, so a bad rate cell next to a good count is no problem. */
function derive(n: number | undefined, rate: () => number | undefined, base: number | undefined): number | undefined {
  if (n !== undefined) return n;
  const r = rate();
  return r !== undefined && base !== undefined ? Math.round(r * base) : undefined;
}

/** Bounce rate is bounces ÷ recipients; recipients = delivered + bounces when only delivered is known. */
function deriveBounces(n: number | undefined, rate: () => number | undefined, recipients: number | undefined, delivered: number | undefined): number | undefined {
  if (n !== undefined) return n;
  const r = rate();
  if (r === undefined) return undefined;
  if (recipients !== undefined) return Math.round(r * recipients);
  return delivered !== undefined && r < 1 ? Math.round((r * delivered) / (1 - r)) : undefined;
}

class SeenKeys {
  private readonly lines = new Map<string, number>();
  claim(key: string, line: number, what: string): void {
    const first = this.lines.get(key);
    if (first !== undefined) throw new RowSkip({ message: `${what} was already on line ${first}; this row was skipped` });
    this.lines.set(key, line);
  }
}

const has = (probe: Probe, ...names: string[]): boolean => names.every((n) => findCol(probe.header, n) !== undefined);
const any = (probe: Probe, ...names: string[]): boolean => names.some((n) => findCol(probe.header, n) !== undefined);

// --- Mailchimp all-campaigns report ------------------------------------------------------------------

export const mailchimpCampaigns: ImportAdapter = {
  kind: 'email_campaigns',
  platform: 'mailchimp',
  layout: 'Mailchimp all-campaigns report',
  detect(probe: Probe): number {
    if (!has(probe, 'Title', 'Send Date')) return 0;
    if (!any(probe, 'Unique Id', 'Successful Deliveries', 'Total Recipients', 'Unique Opens')) return 0;
    return has(probe, 'Unique Id') ? 80 : 70;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const h = input.header;
    const idCol = findCol(h, 'Unique Id');
    const titleCol = findCol(h, 'Title');
    if (!idCol) throw missingColumn(input.file, h, 'Unique Id', 'it identifies each campaign from one export to the next');
    if (!titleCol) throw missingColumn(input.file, h, 'Title', 'it names each campaign');
    const c = {
      subject: findCol(h, 'Subject'),
      list: findCol(h, 'List'),
      sent: findCol(h, 'Send Date'),
      recipients: findCol(h, 'Total Recipients'),
      delivered: findCol(h, 'Successful Deliveries'),
      opens: findCol(h, 'Unique Opens'),
      openRate: findCol(h, 'Open Rate'),
      clicks: findCol(h, 'Unique Clicks'),
      clickRate: findCol(h, 'Click Rate'),
      unsubscribes: findCol(h, 'Unsubscribes'),
      bounces: findCol(h, 'Total Bounces'),
      soft: findCol(h, 'Soft Bounces'),
      hard: findCol(h, 'Hard Bounces'),
      orders: findCol(h, 'Total Orders'),
      revenue: findCol(h, 'Total Revenue'),
    };
    const seen = new SeenKeys();
    for await (const row of input.rows()) {
      const rec = guarded(input, row.line, () => {
        const cells = row.cells;
        const key = cellValue(id, cells, idCol);
        if (!key) throw new RowSkip({ column: idCol.label, value: '', message: 'the campaign has no Unique Id' });
        const name = cellValue(text, cells, titleCol);
        if (!name) throw new RowSkip({ column: titleCol.label, value: '', message: 'the campaign has no Title' });
        const delivered = cellValue(count, cells, c.delivered);
        const soft = cellValue(count, cells, c.soft);
        const hard = cellValue(count, cells, c.hard);
        const r: EmailCampaignRecord = dropUndefined({
          kind: 'email_campaigns' as const,
          key,
          line: row.line,
          name,
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
        seen.claim(key, row.line, `campaign ${key}`);
        return r;
      });
      if (rec) yield rec;
    }
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
      const n = STATS.exec(block.label)?.[1];
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
        return dropUndefined<EmailCampaignRecord>({
          kind: 'email_campaigns',
          key: n === undefined ? base : `${base}|combination ${n}`,
          line: block.line,
          name: n === undefined ? name : `${name} (combination ${n})`,
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
    yield* records;
  },
};

// --- Klaviyo campaigns ------------------------------------------------------------------------------

export const klaviyoCampaigns: ImportAdapter = {
  kind: 'email_campaigns',
  platform: 'klaviyo',
  layout: 'Klaviyo campaigns export',
  detect(probe: Probe): number {
    if (!has(probe, 'Campaign Name') || !any(probe, 'Send Time', 'Send Date')) return 0;
    if (!any(probe, 'Total Recipients', 'Successful Deliveries', 'Unique Opens', 'Open Rate')) return 0;
    return has(probe, 'Campaign ID') ? 80 : 70;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const h = input.header;
    const idCol = findCol(h, 'Campaign ID');
    const nameCol = findCol(h, 'Campaign Name');
    if (!idCol) throw missingColumn(input.file, h, 'Campaign ID', 'it identifies each campaign from one export to the next');
    if (!nameCol) throw missingColumn(input.file, h, 'Campaign Name', 'it names each campaign');
    const c = {
      subject: findCol(h, 'Subject'),
      list: findCol(h, 'List'),
      channel: findCol(h, 'Campaign Channel'),
      sendTime: findCol(h, 'Send Time'),
      sendDate: findCol(h, 'Send Date'),
      sendHour: findCol(h, 'Send Hour'),
      recipients: findCol(h, 'Total Recipients'),
      delivered: findCol(h, 'Successful Deliveries'),
      opens: findCol(h, 'Unique Opens'),
      openRate: findCol(h, 'Open Rate'),
      clicks: findCol(h, 'Unique Clicks'),
      clickRate: findCol(h, 'Click Rate'),
      unsubscribes: findCol(h, 'Unsubscribes'),
      unsubRate: findCol(h, 'Unsubscribe Rate', 'Unsub Rate'),
      bounces: findCol(h, 'Bounces'),
      bounceRate: findCol(h, 'Bounce Rate'),
      orders: findCol(h, 'Unique Placed Order', 'Placed Order'),
      orderRate: findCol(h, 'Placed Order Rate'),
      revenue: findCol(h, 'Revenue'),
    };
    const seen = new SeenKeys();
    for await (const row of input.rows()) {
      const rec = guarded(input, row.line, () => {
        const cells = row.cells;
        const get = (col: Col | undefined): number | undefined => cellValue(count, cells, col);
        const rateOf = (col: Col | undefined): number | undefined => cellValue(fraction, cells, col);
        const key = cellValue(id, cells, idCol);
        if (!key) throw new RowSkip({ column: idCol.label, value: '', message: 'the campaign has no Campaign ID' });
        const name = cellValue(text, cells, nameCol);
        if (!name) throw new RowSkip({ column: nameCol.label, value: '', message: 'the campaign has no Campaign Name' });
        const recipients = get(c.recipients);
        let delivered = get(c.delivered);
        const bouncesGiven = get(c.bounces);
        if (delivered === undefined && recipients !== undefined && bouncesGiven !== undefined) delivered = recipients - bouncesGiven;
        const listed = c.list ? list(cells[c.list.index]) : [];
        const r: EmailCampaignRecord = dropUndefined({
          kind: 'email_campaigns' as const,
          key,
          line: row.line,
          name,
          subject: cellValue(text, cells, c.subject),
          list: listed.length > 0 ? listed.join(', ') : undefined,
          channel: cellValue(text, cells, c.channel),
          sentAt: klaviyoSent(cells, c.sendTime, c.sendDate, c.sendHour),
          recipients,
          delivered,
          uniqueOpens: derive(get(c.opens), () => rateOf(c.openRate), delivered),
          uniqueClicks: derive(get(c.clicks), () => rateOf(c.clickRate), delivered),
          unsubscribes: derive(get(c.unsubscribes), () => rateOf(c.unsubRate), delivered),
          bounces: deriveBounces(bouncesGiven, () => rateOf(c.bounceRate), recipients, delivered),
          orders: derive(get(c.orders), () => rateOf(c.orderRate), delivered),
          revenue: cellValue(money, cells, c.revenue),
        });
        seen.claim(key, row.line, `campaign ${key}`);
        return r;
      });
      if (rec) yield rec;
    }
  },
};

/** `Send Time` (2025-04-09 09:38:00), or the reshaped `Send Date` + `Send Hour` (9 or 09:00). */
function klaviyoSent(cells: string[], time: Col | undefined, date: Col | undefined, hour: Col | undefined): Stamp | undefined {
  const at = cellValue(stamp, cells, time);
  if (at || !date) return at;
  const d = cellValue(day, cells, date);
  if (!d) return undefined;
  const hRaw = (hour ? cells[hour.index] ?? '' : '').trim();
  const m = /^(\d{1,2})(?::(\d{2}))?$/.exec(hRaw);
  const hh = m ? m[1]!.padStart(2, '0') : '00';
  return cellValue(stamp, [`${d} ${hh}:${m?.[2] ?? '00'}:00`], { index: 0, label: hour?.label ?? date.label });
}

// --- Klaviyo flows ----------------------------------------------------------------------------------

const add = (a: number | undefined, b: number | undefined): number | undefined => (a === undefined ? b : b === undefined ? a : a + b);
const cents = (n: number | undefined): number | undefined => (n === undefined ? undefined : Math.round(n * 100) / 100);

/**
 * Rows with the same key are added together: the monthly export as users download it has several
 * rows per flow and month (one per flow message, without the message id), and the report wants the
 * flow's month. Name and status are the first row's.
 */
export const klaviyoFlows: ImportAdapter = {
  kind: 'email_flows',
  platform: 'klaviyo',
  layout: 'Klaviyo flow performance export',
  detect(probe: Probe): number {
    if (!has(probe, 'Flow ID') || !any(probe, 'Month', 'Day')) return 0;
    return any(probe, 'Delivered', 'Unique Opens', 'Open Rate') ? 80 : 0;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const h = input.header;
    const monthCol = findCol(h, 'Month');
    const dayCol = monthCol ? undefined : findCol(h, 'Day');
    const flowCol = findCol(h, 'Flow ID');
    const nameCol = findCol(h, 'Flow Name');
    if (!monthCol && !dayCol) throw missingColumn(input.file, h, 'Month', 'each row must be one month (or one day, in a "Day" column)');
    if (!flowCol) throw missingColumn(input.file, h, 'Flow ID', 'it identifies each flow from one export to the next');
    if (!nameCol) throw missingColumn(input.file, h, 'Flow Name', 'it names each flow');
    const c = {
      messageId: findCol(h, 'Flow Message ID'),
      messageName: findCol(h, 'Flow Message Name'),
      status: findCol(h, 'Status'),
      delivered: findCol(h, 'Delivered'),
      opens: findCol(h, 'Unique Opens'),
      openRate: findCol(h, 'Open Rate'),
      clicks: findCol(h, 'Unique Clicks'),
      clickRate: findCol(h, 'Click Rate'),
      orders: findCol(h, 'Placed Order'),
      orderRate: findCol(h, 'Placed Order Rate'),
      revenue: findCol(h, 'Revenue'),
      unsubscribes: findCol(h, 'Unsubscribes'),
      unsubRate: findCol(h, 'Unsub Rate', 'Unsubscribe Rate'),
      bounces: findCol(h, 'Bounces'),
      bounceRate: findCol(h, 'Bounce Rate'),
    };
    const byKey = new Map<string, EmailFlowRecord>();
    for await (const row of input.rows()) {
      const rec = guarded(input, row.line, () => {
        const cells = row.cells;
        const get = (col: Col | undefined): number | undefined => cellValue(count, cells, col);
        const rateOf = (col: Col | undefined): number | undefined => cellValue(fraction, cells, col);
        const periodCol = (monthCol ?? dayCol)!;
        const period = monthCol ? cellValue(month, cells, monthCol) : cellValue(day, cells, dayCol);
        if (!period) throw new RowSkip({ column: periodCol.label, value: '', message: `the ${periodCol.label.toLowerCase()} is empty` });
        const flowId = cellValue(id, cells, flowCol);
        if (!flowId) throw new RowSkip({ column: flowCol.label, value: '', message: 'the row has no Flow ID' });
        const messageId = cellValue(id, cells, c.messageId);
        if (c.messageId && !messageId) throw new RowSkip({ column: c.messageId.label, value: '', message: 'the row has no Flow Message ID' });
        const delivered = get(c.delivered);
        return dropUndefined<EmailFlowRecord>({
          kind: 'email_flows',
          key: messageId ? `${flowId}|${messageId}|${period}` : `${flowId}|${period}`,
          line: row.line,
          flowId,
          flowName: cellValue(text, cells, nameCol) ?? flowId,
          messageId,
          messageName: cellValue(text, cells, c.messageName),
          period,
          status: cellValue(text, cells, c.status),
          delivered,
          uniqueOpens: derive(get(c.opens), () => rateOf(c.openRate), delivered),
          uniqueClicks: derive(get(c.clicks), () => rateOf(c.clickRate), delivered),
          unsubscribes: derive(get(c.unsubscribes), () => rateOf(c.unsubRate), delivered),
          bounces: deriveBounces(get(c.bounces), () => rateOf(c.bounceRate), undefined, delivered),
          orders: derive(get(c.orders), () => rateOf(c.orderRate), delivered),
          revenue: cellValue(money, cells, c.revenue),
        });
      });
      if (!rec) continue;
      const prev = byKey.get(rec.key);
      if (!prev) {
        byKey.set(rec.key, rec);
        continue;
      }
      for (const f of ['delivered', 'uniqueOpens', 'uniqueClicks', 'unsubscribes', 'bounces', 'orders'] as const) {
        const v = add(prev[f], rec[f]);
        if (v !== undefined) prev[f] = v;
      }
      const revenue = cents(add(prev.revenue, rec.revenue));
      if (revenue !== undefined) prev.revenue = revenue;
    }
    yield* byKey.values();
  },
};

// --- generic email campaigns sheet ------------------------------------------------------------------

const GENERIC_EMAIL_COLUMNS = [
  'name', 'sent_at', 'recipients', 'delivered', 'unique_opens', 'unique_clicks', 'unsubscribes', 'bounces', 'revenue', 'orders', 'id', 'subject',
];

export const genericEmailCampaigns: ImportAdapter = {
  kind: 'email_campaigns',
  platform: 'generic',
  layout: 'email campaigns sheet (name, sent_at, …)',
  detect(probe: Probe): number {
    if (probe.firstLines.find((l) => l.trim() !== '')?.startsWith('#')) return 0;
    return has(probe, 'name', 'sent_at') ? genericScore(probe.header, GENERIC_EMAIL_COLUMNS) : 0;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const h = input.header;
    const required = ['name', 'sent_at', 'recipients', 'delivered', 'unique_opens', 'unique_clicks'] as const;
    const why: Record<(typeof required)[number], string> = {
      name: 'it names each campaign',
      sent_at: 'with the name it identifies each campaign',
      recipients: 'the report counts emails sent',
      delivered: 'open and click rates are over delivered emails',
      unique_opens: 'the report shows the open rate',
      unique_clicks: 'the report shows the click rate',
    };
    const idCol = findCol(h, 'id');
    const need = Object.fromEntries(
      required.map((n) => {
        const col = findCol(h, n);
        if (!col) throw missingColumn(input.file, h, n, why[n]);
        return [n, col];
      }),
    ) as Record<(typeof required)[number], Col>;
    const c = {
      subject: findCol(h, 'subject'),
      unsubscribes: findCol(h, 'unsubscribes'),
      bounces: findCol(h, 'bounces'),
      revenue: findCol(h, 'revenue'),
      orders: findCol(h, 'orders'),
    };
    const decimalComma = input.settings.decimalComma;
    const seen = new SeenKeys();
    for await (const row of input.rows()) {
      const rec = guarded(input, row.line, () => {
        const cells = row.cells;
        const name = cellValue(text, cells, need.name);
        if (!name) throw new RowSkip({ column: need.name.label, value: '', message: 'the campaign has no name' });
        const sentAt = cellValue(stamp, cells, need.sent_at);
        let key: string | undefined;
        if (idCol) {
          key = cellValue(id, cells, idCol);
          if (!key) throw new RowSkip({ column: idCol.label, value: '', message: 'the campaign has no id' });
        } else {
          if (!sentAt) throw new RowSkip({ column: need.sent_at.label, value: '', message: 'the send time is empty' });
          key = `${name}|${sentAt.local}`;
        }
        const r: EmailCampaignRecord = dropUndefined({
          kind: 'email_campaigns' as const,
          key,
          line: row.line,
          name,
          subject: cellValue(text, cells, c.subject),
          sentAt,
          recipients: cellValue(count, cells, need.recipients),
          delivered: cellValue(count, cells, need.delivered),
          uniqueOpens: cellValue(count, cells, need.unique_opens),
          uniqueClicks: cellValue(count, cells, need.unique_clicks),
          unsubscribes: cellValue(count, cells, c.unsubscribes),
          bounces: cellValue(count, cells, c.bounces),
          orders: cellValue(count, cells, c.orders),
          revenue: cellValue((raw) => money(raw, { decimalComma }), cells, c.revenue),
        });
        seen.claim(key, row.line, `campaign "${key}"`);
        return r;
      });
      if (rec) yield rec;
    }
  },
};

export const emailAdapters: ImportAdapter[] = [mailchimpCampaigns, mailchimpReport, klaviyoCampaigns, klaviyoFlows, genericEmailCampaigns];
