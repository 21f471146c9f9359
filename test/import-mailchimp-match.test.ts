// The Mailchimp single-campaign and A/B reports print no campaign id; the all-campaigns report keys
// campaigns by `Unique Id`. The same campaign from both files is one email_campaigns row, in either
// order of import, matched by title + send minute; a title sent twice at that minute is not matched.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { fixture, query, runCli, tempDir } from './helpers.js';

const ALL = readFileSync(fixture('import', 'email-mailchimp-campaigns.csv'), 'utf8');
const HEADER = ALL.split('\n')[0]!;
const NA = Array(14).fill('n/a').join(',');
/** An all-campaigns row for "Autumn Restock", sent at the minute the single-campaign report prints (Tue, Oct 7, 2025 18:05). */
const row = (id: string, opens: number) =>
  `Autumn Restock,Your favourites are back,Newsletter,"Oct 07, 2025 06:05 pm",Tuesday,2480,2455,20,5,25,0,0,${opens},40.00%,1500,120,4.89%,190,7,0,0,0,${id},5,320.00,300.00,${NA}`;
const REPORT = readFileSync(fixture('import', 'email-mailchimp-report.csv'), 'utf8');

type Counts = { new: number; changed: number; unchanged: number; warnings: string[] };
async function importJson(dir: string, file: string): Promise<Counts> {
  const r = await runCli(['sync', 'import', file, '--json'], { cwd: dir });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout)[0] as Counts;
}

function store(allCampaigns: string[]): { dir: string; rows: () => unknown[] } {
  const dir = tempDir();
  writeFileSync(join(dir, 'all.csv'), `${[HEADER, ...allCampaigns].join('\n')}\n`);
  writeFileSync(join(dir, 'report.csv'), REPORT);
  const db = join(dir, 'shopflow.db');
  return {
    dir,
    rows: () => query(db, 'select key, name, sent_at, list, recipients, unique_opens, unique_clicks, orders, revenue from email_campaigns order by key'),
  };
}

const CAMPAIGN = { key: 'aa11bb22cc', name: 'Autumn Restock', sent_at: '2025-10-07T18:05:00', list: 'Newsletter', recipients: 2480, unique_clicks: 133, orders: 5, revenue: 300 };

describe('sync import: a Mailchimp campaign from the all-campaigns report and its own report', () => {
  test('all-campaigns first, then the report: one row, the report (imported later) wins where both have a figure', async () => {
    const s = store([row('aa11bb22cc', 1000)]);
    expect(await importJson(s.dir, 'all.csv')).toMatchObject({ new: 1 });
    // The report's campaign is found by title and send minute: a change to it, not a new campaign.
    expect(await importJson(s.dir, 'report.csv')).toMatchObject({ new: 0, changed: 1, warnings: [] });
    expect(s.rows()).toEqual([{ ...CAMPAIGN, unique_opens: 1020 }]);
    // Re-importing either file changes nothing and adds no row.
    expect(await importJson(s.dir, 'report.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
    expect(await importJson(s.dir, 'all.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
    expect(s.rows()).toEqual([{ ...CAMPAIGN, unique_opens: 1020 }]);

    // The weekly report counts the campaign once.
    const r = await runCli(['report', '--since', '2025-10-06', '--until', '2025-10-12', '--compare', 'none', '--json'], { cwd: s.dir });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).kpis).toMatchObject({ email_recipients: 2480 });
  });

  test('the report first, then all-campaigns: the same one row, keyed by the campaign id', async () => {
    const s = store([row('aa11bb22cc', 1000)]);
    expect(await importJson(s.dir, 'report.csv')).toMatchObject({ new: 1 });
    // Merged with the row the report made: a change to that campaign, not a new one.
    expect(await importJson(s.dir, 'all.csv')).toMatchObject({ new: 0, changed: 1, warnings: [] });
    expect(s.rows()).toEqual([{ ...CAMPAIGN, unique_opens: 1000, unique_clicks: 120 }]);
    expect(await importJson(s.dir, 'report.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
    expect(await importJson(s.dir, 'all.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
    expect(s.rows()).toHaveLength(1);

    // A newer download of the report (more opens) updates that row, not a new one.
    writeFileSync(join(s.dir, 'report.csv'), REPORT.replace('"1,020 (41.55%)"', '"1,030 (41.96%)"'));
    expect(await importJson(s.dir, 'report.csv')).toMatchObject({ new: 0, changed: 1, unchanged: 0 });
    expect(s.rows()).toEqual([{ ...CAMPAIGN, unique_opens: 1030 }]);
    expect(query(join(s.dir, 'shopflow.db'), 'select count(*) as n from email_campaigns')).toEqual([{ n: 1 }]);
  });

  test('two campaigns with that title and send minute: the report is kept apart, with a warning', async () => {
    const s = store([row('aa11bb22cc', 1000), row('dd33ee44ff', 900)]);
    await importJson(s.dir, 'all.csv');
    const r = await importJson(s.dir, 'report.csv');
    expect(r).toMatchObject({ new: 1 });
    expect(r.warnings).toEqual([
      'report.csv: campaign "Autumn Restock" sent 2025-10-07 18:05:00: 2 campaigns have this title and send time, ' +
        'so the report without a campaign id was not matched to any of them and is kept as a row of its own',
    ]);
    expect(s.rows()).toHaveLength(3);
    expect(await importJson(s.dir, 'report.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
  });

  test('an A/B report is one campaign too: its combinations summed into the all-campaigns row', async () => {
    const s = store([row('aa11bb22cc', 1000).replace('Autumn Restock', 'Winter Mugs Test').replace('"Oct 07, 2025 06:05 pm"', '"Nov 01, 2025 09:00 am"')]);
    writeFileSync(join(s.dir, 'report.csv'), readFileSync(fixture('import', 'email-mailchimp-ab.csv')));
    await importJson(s.dir, 'report.csv');
    await importJson(s.dir, 'all.csv');
    expect(s.rows()).toEqual([
      { ...CAMPAIGN, name: 'Winter Mugs Test', sent_at: '2025-11-01T09:00:00', recipients: 2480, unique_opens: 1000, unique_clicks: 120 },
    ]);
    expect(await importJson(s.dir, 'report.csv')).toMatchObject({ new: 0, changed: 0, unchanged: 1 });
  });

  test('the report first, then two campaigns with its title and send minute: kept apart, with a warning', async () => {
    const s = store([row('aa11bb22cc', 1000), row('dd33ee44ff', 900)]);
    await importJson(s.dir, 'report.csv');
    const r = await importJson(s.dir, 'all.csv');
    expect(r.warnings).toEqual([expect.stringMatching(/^all\.csv: campaign "Autumn Restock" sent 2025-10-07 18:05:00: 2 campaigns have this title/)]);
    expect(s.rows()).toHaveLength(3);
  });
});
