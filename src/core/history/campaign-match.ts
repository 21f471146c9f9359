/**
 * One email_campaigns row per Mailchimp campaign, whichever reports it came from. The all-campaigns
 * report keys a campaign by its `Unique Id`; the single-campaign and A/B reports print no id, so
 * their key is title + delivery time (`Summer Sale|2021-04-26T12:25:00`). Both files print the send
 * time to the minute in the account's timezone (`Jun 09, 2018 09:30 pm`, `Mon, Apr 26, 2021 12:25`),
 * so the rule is: a report row and an id row of the same platform with the same title and the same
 * send minute are one campaign, when that id row is the only one with this title and time.
 * Otherwise (two campaigns sent at the same minute under one title) nothing is merged: the report
 * row stays apart and the import warns.
 *
 * - A report record whose own row does not exist (it was merged before) is written into its one
 *   matching id row (`matchCampaign`).
 * - After an import (`mergeCampaigns`), each report row with one matching id row is merged into it
 *   and deleted: for each figure, the row imported later wins where it has a value, the other row
 *   fills the rest. So the two files give one row in either order, and re-importing either is
 *   unchanged (record_hashes keep each layout's own key).
 */
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import type { EmailCampaignRecord } from '../formats/records.js';

const PLATFORMS = new Set(['mailchimp']);
const FIGURES = ['subject', 'list', 'channel', 'sent_offset', 'recipients', 'delivered', 'unique_opens', 'unique_clicks', 'unsubscribes', 'bounces', 'orders', 'revenue'];

/** The key a report without a campaign id gives. */
export const titleTimeKey = (name: string, sentAt: string): string => `${name}|${sentAt}`;

/** The id row a report record belongs to, when it is the only one with its title and send minute. */
export function matchCampaign(db: Db, platform: string, r: EmailCampaignRecord): number | undefined {
  if (!PLATFORMS.has(platform) || r.sentAt === undefined || r.key !== titleTimeKey(r.name, r.sentAt.local)) return undefined;
  const ids = stmt(db, 'select id from email_campaigns where platform = ? and name = ? and sent_at = ? and key <> ?')
    .pluck()
    .all(platform, r.name, r.sentAt.local, r.key) as number[];
  return ids.length === 1 ? ids[0] : undefined;
}

interface Pair {
  report: number;
  reportImport: number;
  name: string;
  sentAt: string;
  ids: string;
  keys: string;
  touched: number;
}

/**
 * Merges report rows into their one matching id row. Gives the keys of the id rows merged into
 * and the notes about report rows left apart (those this import wrote or matched against).
 */
export function mergeCampaigns(db: Db, platform: string, importId: number): { merged: string[]; notes: string[] } {
  if (!PLATFORMS.has(platform)) return { merged: [], notes: [] };
  const pairs = stmt(
    db,
    `select r.id as report, r.import_id as reportImport, r.name as name, r.sent_at as sentAt,
            group_concat(u.id) as ids, group_concat(u.key) as keys, max(r.import_id = @imp or u.import_id = @imp) as touched
       from email_campaigns r join email_campaigns u
         on u.platform = r.platform and u.name = r.name and u.sent_at = r.sent_at and u.id <> r.id
      where r.platform = @platform and r.key = r.name || '|' || r.sent_at
      group by r.id`,
  ).all({ platform, imp: importId }) as Pair[];
  const notes: string[] = [];
  const merged: string[] = [];
  for (const p of pairs) {
    const ids = p.ids.split(',').map(Number);
    if (ids.length === 1) {
      merge(db, p.report, ids[0]!);
      merged.push(p.keys);
    } else if (p.touched) {
      notes.push(
        `campaign "${p.name}" sent ${p.sentAt.replace('T', ' ')}: ${ids.length} campaigns have this title and send time, ` +
          `so the report without a campaign id was not matched to any of them and is kept as a row of its own`,
      );
    }
  }
  return { merged, notes };
}

function merge(db: Db, report: number, target: number): void {
  // The row imported later wins where it has a value (import ids grow).
  const set = FIGURES.map((c) => `${c} = case when r.import_id > u.import_id then coalesce(r.${c}, u.${c}) else coalesce(u.${c}, r.${c}) end`);
  stmt(
    db,
    `update email_campaigns as u set ${set.join(', ')}, import_id = max(u.import_id, r.import_id)
       from (select * from email_campaigns where id = ?) as r where u.id = ?`,
  ).run(report, target);
  stmt(db, 'delete from email_campaigns where id = ?').run(report);
}
