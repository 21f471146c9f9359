/**
 * Klaviyo exports: campaigns (kind `email_campaigns`; rates are percent strings) and flow
 * performance (kind `email_flows`, monthly or per day and message; rates are fractions). See email.ts.
 */
import { compact } from '../../lib/objects.js';
import type { EmailCampaignRecord, EmailFlowRecord, ImportAdapter, ImportInput, ImportRecord, Probe, Stamp } from '../records.js';
import { cents, count, day, id, list, money, month, stamp, text } from '../values.js';
import { cellValue, type Col, Columns, guarded, missingColumn, needCell, RowSkip } from '../columns.js';
import { campaignColumns, campaignRows, derive, deriveBounces, fraction } from '../report-files.js';

// --- Klaviyo campaigns ------------------------------------------------------------------------------

export const klaviyoCampaigns: ImportAdapter = {
  kind: 'email_campaigns',
  platform: 'klaviyo',
  layout: 'Klaviyo campaigns export',
  detect(probe: Probe): number {
    const cols = new Columns(probe.header, 'loose');
    if (!cols.has('Campaign Name') || !cols.has('Send Time', 'Send Date')) return 0;
    if (!cols.has('Total Recipients', 'Successful Deliveries', 'Unique Opens', 'Open Rate')) return 0;
    return cols.has('Campaign ID') ? 80 : 70;
  },
  read(input: ImportInput): AsyncIterable<ImportRecord> {
    const cols = new Columns(input.header, 'loose');
    const c = {
      ...campaignColumns(cols),
      channel: cols.col('Campaign Channel'),
      sendTime: cols.col('Send Time'),
      sendDate: cols.col('Send Date'),
      sendHour: cols.col('Send Hour'),
      unsubRate: cols.col('Unsubscribe Rate', 'Unsub Rate'),
      bounces: cols.col('Bounces'),
      bounceRate: cols.col('Bounce Rate'),
      orders: cols.col('Unique Placed Order', 'Placed Order'),
      orderRate: cols.col('Placed Order Rate'),
      revenue: cols.col('Revenue'),
    };
    return campaignRows(input, cols, { id: 'Campaign ID', name: 'Campaign Name' }, (cells, found) => {
      const get = (col: Col | undefined): number | undefined => cellValue(count, cells, col);
      const rateOf = (col: Col | undefined): number | undefined => cellValue(fraction, cells, col);
      const recipients = get(c.recipients);
      let delivered = get(c.delivered);
      const bouncesGiven = get(c.bounces);
      if (delivered === undefined && recipients !== undefined && bouncesGiven !== undefined) delivered = recipients - bouncesGiven;
      const listed = c.list ? list(cells[c.list.index]) : [];
      return compact<EmailCampaignRecord>({
        kind: 'email_campaigns' as const,
        ...found,
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
    });
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
const toCents = (n: number | undefined): number | undefined => (n === undefined ? undefined : cents(n));

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
    const cols = new Columns(probe.header, 'loose');
    if (!cols.has('Flow ID') || !cols.has('Month', 'Day')) return 0;
    return cols.has('Delivered', 'Unique Opens', 'Open Rate') ? 80 : 0;
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const h = input.header;
    const cols = new Columns(h, 'loose');
    const monthCol = cols.col('Month');
    const dayCol = monthCol ? undefined : cols.col('Day');
    const flowCol = cols.col('Flow ID');
    const nameCol = cols.col('Flow Name');
    if (!monthCol && !dayCol) throw missingColumn(input.file, h, 'Month', 'each row must be one month (or one day, in a "Day" column)');
    if (!flowCol) throw missingColumn(input.file, h, 'Flow ID', 'it identifies each flow from one export to the next');
    if (!nameCol) throw missingColumn(input.file, h, 'Flow Name', 'it names each flow');
    const c = {
      messageId: cols.col('Flow Message ID'),
      messageName: cols.col('Flow Message Name'),
      status: cols.col('Status'),
      delivered: cols.col('Delivered'),
      opens: cols.col('Unique Opens'),
      openRate: cols.col('Open Rate'),
      clicks: cols.col('Unique Clicks'),
      clickRate: cols.col('Click Rate'),
      orders: cols.col('Placed Order'),
      orderRate: cols.col('Placed Order Rate'),
      revenue: cols.col('Revenue'),
      unsubscribes: cols.col('Unsubscribes'),
      unsubRate: cols.col('Unsub Rate', 'Unsubscribe Rate'),
      bounces: cols.col('Bounces'),
      bounceRate: cols.col('Bounce Rate'),
    };
    const byKey = new Map<string, EmailFlowRecord>();
    for await (const row of input.rows()) {
      const rec = guarded(input, row.line, () => {
        const cells = row.cells;
        const get = (col: Col | undefined): number | undefined => cellValue(count, cells, col);
        const rateOf = (col: Col | undefined): number | undefined => cellValue(fraction, cells, col);
        const periodCol = (monthCol ?? dayCol)!;
        const period = needCell(monthCol ? month : day, cells, periodCol, `the ${periodCol.label.toLowerCase()} is empty`);
        const flowId = needCell(id, cells, flowCol, 'the row has no Flow ID');
        const messageId = cellValue(id, cells, c.messageId);
        if (c.messageId && !messageId) throw new RowSkip({ column: c.messageId.label, value: '', message: 'the row has no Flow Message ID' });
        const delivered = get(c.delivered);
        return compact<EmailFlowRecord>({
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
      const revenue = toCents(add(prev.revenue, rec.revenue));
      if (revenue !== undefined) prev.revenue = revenue;
    }
    yield* byKey.values();
  },
};
