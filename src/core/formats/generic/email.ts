/** The generic email campaigns sheet (kind `email_campaigns`, platform generic); its columns are documented in email.ts. */
import { compact } from '../../lib/objects.js';
import type { EmailCampaignRecord, ImportAdapter, ImportInput, ImportRecord, Probe } from '../records.js';
import { count, id, money, stamp, text } from '../values.js';
import { cellValue, type Col, Columns, commentFirst, guarded, missingColumn, needCell, RowSkip, SeenKeys, sheetScore } from '../columns.js';

/** Detection: name and sent_at make the sheet; the share of these columns scores it. */
const GENERIC_EMAIL = {
  required: ['name', 'sent_at'],
  optional: ['recipients', 'delivered', 'unique_opens', 'unique_clicks', 'unsubscribes', 'bounces', 'revenue', 'orders', 'id', 'subject'],
};

export const genericEmailCampaigns: ImportAdapter = {
  kind: 'email_campaigns',
  platform: 'generic',
  layout: 'email campaigns sheet (name, sent_at, …)',
  detect(probe: Probe): number {
    if (commentFirst(probe)) return 0;
    return sheetScore(probe.header, GENERIC_EMAIL, { matching: 'loose', minShare: 0, blankHeaders: 'ignore' });
  },
  async *read(input: ImportInput): AsyncIterable<ImportRecord> {
    const h = input.header;
    const cols = new Columns(h, 'loose');
    const required = ['name', 'sent_at', 'recipients', 'delivered', 'unique_opens', 'unique_clicks'] as const;
    const why: Record<(typeof required)[number], string> = {
      name: 'it names each campaign',
      sent_at: 'with the name it identifies each campaign',
      recipients: 'the report counts emails sent',
      delivered: 'open and click rates are over delivered emails',
      unique_opens: 'the report shows the open rate',
      unique_clicks: 'the report shows the click rate',
    };
    const idCol = cols.col('id');
    const need = Object.fromEntries(
      required.map((n) => {
        const col = cols.col(n);
        if (!col) throw missingColumn(input.file, h, n, why[n]);
        return [n, col];
      }),
    ) as Record<(typeof required)[number], Col>;
    const c = {
      subject: cols.col('subject'),
      unsubscribes: cols.col('unsubscribes'),
      bounces: cols.col('bounces'),
      revenue: cols.col('revenue'),
      orders: cols.col('orders'),
    };
    const decimalComma = input.settings.decimalComma;
    const seen = new SeenKeys();
    for await (const row of input.rows()) {
      const rec = guarded(input, row.line, () => {
        const cells = row.cells;
        const name = needCell(text, cells, need.name, 'the campaign has no name');
        const sentAt = cellValue(stamp, cells, need.sent_at);
        let key: string | undefined;
        if (idCol) {
          key = needCell(id, cells, idCol, 'the campaign has no id');
        } else {
          if (!sentAt) throw new RowSkip({ column: need.sent_at.label, value: '', message: 'the send time is empty' });
          key = `${name}|${sentAt.local}`;
        }
        const r: EmailCampaignRecord = compact({
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
