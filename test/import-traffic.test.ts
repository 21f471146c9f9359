import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/core/errors.js';
import {
  emailAdapters,
  genericEmailCampaigns,
  klaviyoCampaigns,
  klaviyoFlows,
  mailchimpCampaigns,
  mailchimpReport,
} from '../src/core/formats/email.js';
import { ga4Traffic, genericTraffic, shopifySessions, trafficAdapters } from '../src/core/formats/traffic.js';
import type { ImportAdapter } from '../src/core/formats/records.js';
import { importFixture, importInput, readAll } from './helpers/import-input.js';

const NO_SESSIONS = 'no sessions in this GA4 report; export Reports › Acquisition › Traffic acquisition or a report with a Date dimension';

describe('trafficAdapters', () => {
  it('lists GA4, Shopify sessions and the generic sheet', () => {
    expect(trafficAdapters).toEqual([ga4Traffic, shopifySessions, genericTraffic]);
    expect(trafficAdapters.map((a) => `${a.kind}/${a.platform}`)).toEqual(['traffic/ga4', 'traffic/shopify', 'traffic/generic']);
  });
});

describe('GA4 report download', () => {
  const period = { periodStart: '2025-06-01', periodEnd: '2025-06-07' };
  const channel = (line: number, value: string, sessions: number, users: number, conversions: number, revenue: number) => ({
    kind: 'traffic', key: `2025-06-01..2025-06-07|Session default channel group|${value}`, line, date: null, ...period,
    dimension: 'Session default channel group', dimensionValue: value, sessions, users, conversions, revenue,
  });

  it('traffic acquisition (CRLF, no final newline): one record per channel over the preamble period', async () => {
    const { records, problems, warnings } = await readAll(ga4Traffic, importFixture('traffic-ga4-acquisition.csv'));
    expect(records).toStrictEqual([
      channel(12, 'Organic Search', 402, 310, 12, 540.25),
      channel(13, 'Direct', 150, 120, 3, 99.9),
      channel(14, 'Email', 1200, 1050, 30, 1480),
      channel(15, 'Paid Social, Meta', 42, 40, 0, 0),
    ]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('a Date dimension (YYYYMMDD) gives one record per day; Key events are conversions; a bad date is a problem', async () => {
    const { records, problems } = await readAll(ga4Traffic, importFixture('traffic-ga4-date.csv'));
    const day = (line: number, date: string, sessions: number, conversions: number, revenue: number) => ({
      kind: 'traffic', key: `${date}||`, line, date, periodStart: '2025-06-01', periodEnd: '2025-06-03',
      dimension: '', dimensionValue: '', sessions, conversions, revenue,
    });
    expect(records).toStrictEqual([day(11, '2025-06-01', 100, 3, 120.5), day(12, '2025-06-02', 90, 2.5, 80), day(14, '2025-06-03', 85, 0, 0)]);
    expect(problems).toEqual([
      { line: 13, column: 'Date', value: '20250631', message: '"20250631" is not a date and time shopflow can read' },
    ]);
  });

  it('several tables: empty tables and tables without Sessions give nothing; Purchases beat Conversions, Purchase revenue beats Total revenue', async () => {
    const { records, problems, warnings } = await readAll(ga4Traffic, importFixture('traffic-ga4-multi.csv'));
    const base = { kind: 'traffic', date: null, periodStart: '2025-06-01', periodEnd: '2025-06-30' };
    expect(records).toStrictEqual([
      {
        ...base, key: '2025-06-01..2025-06-30|First user default channel group|Direct', line: 23,
        dimension: 'First user default channel group', dimensionValue: 'Direct', sessions: 410, users: 300, conversions: 12, revenue: 600,
      },
      {
        ...base, key: '2025-06-01..2025-06-30|First user default channel group|Organic Search', line: 24,
        dimension: 'First user default channel group', dimensionValue: 'Organic Search', sessions: 700, users: 500, conversions: 20, revenue: 1400,
      },
      {
        ...base, key: '2025-06-01..2025-06-30|Device category|desktop', line: 36,
        dimension: 'Device category', dimensionValue: 'desktop', sessions: 600, users: 480, conversions: 20,
      },
      {
        ...base, key: '2025-06-01..2025-06-30|Device category|mobile', line: 37,
        dimension: 'Device category', dimensionValue: 'mobile', sessions: 510, users: 320, conversions: 12,
      },
    ]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('Exploration: the Grand total row (one extra field) is skipped; the period comes from "# 20250601-20250607"; Transactions are conversions', async () => {
    const { records, problems, warnings } = await readAll(ga4Traffic, importFixture('traffic-ga4-exploration.csv'));
    const dimension = 'Session source / medium · Device category';
    const row = (line: number, value: string, sessions: number, users: number, conversions: number, revenue: number) => ({
      kind: 'traffic', key: `2025-06-01..2025-06-07|${dimension}|${value}`, line, date: null, ...period,
      dimension, dimensionValue: value, sessions, users, conversions, revenue,
    });
    expect(records).toStrictEqual([
      row(9, 'google / organic · desktop', 70, 60, 3, 200.5),
      row(10, 'google / organic · mobile', 40, 30, 1, 100),
      row(11, 'newsletter / email · mobile', 10, 5, 0, 0),
    ]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('warns when the rows do not add up to the Grand total', async () => {
    const text = importFixture('traffic-ga4-exploration.csv').replace(',,900,120,', ',,900,150,');
    const { records, warnings } = await readAll(ga4Traffic, text, 'x.csv');
    expect(records).toHaveLength(3);
    expect(warnings).toEqual([
      {
        file: 'x.csv', line: 8, column: 'Sessions',
        message: 'the rows add up to 120 sessions but the Grand total says 150; the download may hold only the top rows of the report',
      },
    ]);
  });

  it('a report without sessions (events) yields nothing and says which report to export', async () => {
    const { records, problems, warnings } = await readAll(ga4Traffic, importFixture('traffic-ga4-events.csv'), 'events.csv');
    expect(records).toEqual([]);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([{ file: 'events.csv', message: NO_SESSIONS }]);
  });

  it('warns when a table has neither a period in the preamble nor a Date column', async () => {
    const text = importFixture('traffic-ga4-acquisition.csv').replace(/# (Start|End) date: \d{8}\r\n/g, '');
    const { records, warnings } = await readAll(ga4Traffic, text, 'x.csv');
    expect(records[0]).toMatchObject({ key: '..|Session default channel group|Organic Search', date: null });
    expect(records[0]).not.toHaveProperty('periodStart');
    expect(warnings).toEqual([
      {
        file: 'x.csv', line: 9,
        message: 'no Start date/End date above this table and no Date column: its rows are kept without a period, so another download would replace them',
      },
    ]);
  });

  it('a table row with the wrong number of cells is a problem, not a failure', async () => {
    const text = importFixture('traffic-ga4-acquisition.csv').replace('Direct,120,150,', 'Direct,120,150,1,');
    const { records, problems } = await readAll(ga4Traffic, text);
    expect(records.map((r) => r.line)).toEqual([12, 14, 15]);
    expect(problems).toEqual([{ line: 13, message: 'expected 11 cells like the header on line 11, found 12' }]);
  });
});

describe('Shopify sessions report (documented headers)', () => {
  it('one record per Day; conversions = Sessions that completed checkout, else Conversion rate × Sessions', async () => {
    const { records, problems } = await readAll(shopifySessions, importFixture('traffic-shopify-sessions.csv'));
    const day = (line: number, date: string, sessions: number, conversions: number) => ({
      kind: 'traffic', key: `${date}||`, line, date, dimension: '', dimensionValue: '', sessions, conversions,
    });
    expect(records).toStrictEqual([day(2, '2025-06-01', 120, 3), day(3, '2025-06-02', 95, 2), day(4, '2025-06-03', 0, 0)]);
    expect(problems).toEqual([{ line: 5, column: 'Sessions', value: 'many', message: '"many" is not a count' }]);
  });

  it('refuses a file without Sessions', async () => {
    const err = await readAll(shopifySessions, 'Day,Visitors\n2025-06-01,3\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).place.column).toBe('Sessions');
  });
});

describe('generic traffic sheet', () => {
  it('reads date,sessions,users,conversions,revenue; a repeated day or a day without sessions is a problem', async () => {
    const { records, problems } = await readAll(genericTraffic, importFixture('traffic-generic.csv'));
    expect(records).toStrictEqual([
      { kind: 'traffic', key: '2025-06-01||', line: 2, date: '2025-06-01', dimension: '', dimensionValue: '', sessions: 120, users: 100, conversions: 3, revenue: 89.7 },
      { kind: 'traffic', key: '2025-06-02||', line: 3, date: '2025-06-02', dimension: '', dimensionValue: '', sessions: 95, users: 80, conversions: 2, revenue: 40 },
    ]);
    expect(problems).toEqual([
      { line: 4, message: '2025-06-01 was already on line 2; this row was skipped' },
      { line: 5, column: 'sessions', value: '', message: 'the sessions cell is empty' },
    ]);
  });

  it('refuses a sheet without a date column', async () => {
    const err = await readAll(genericTraffic, 'day,sessions\n2025-06-01,3\n').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).place.column).toBe('date');
  });
});

describe('detection matrix (all email and traffic adapters)', () => {
  const mine = [...emailAdapters, ...trafficAdapters];
  const cases: [string, ImportAdapter][] = [
    ['email-mailchimp-campaigns.csv', mailchimpCampaigns],
    ['email-mailchimp-report.csv', mailchimpReport],
    ['email-mailchimp-ab.csv', mailchimpReport],
    ['email-klaviyo-campaigns.csv', klaviyoCampaigns],
    ['email-klaviyo-flows-monthly.csv', klaviyoFlows],
    ['email-klaviyo-flows-daily.csv', klaviyoFlows],
    ['email-generic-campaigns.csv', genericEmailCampaigns],
    ['traffic-ga4-acquisition.csv', ga4Traffic],
    ['traffic-ga4-date.csv', ga4Traffic],
    ['traffic-ga4-multi.csv', ga4Traffic],
    ['traffic-ga4-exploration.csv', ga4Traffic],
    ['traffic-ga4-events.csv', ga4Traffic],
    ['traffic-shopify-sessions.csv', shopifySessions],
    ['traffic-generic.csv', genericTraffic],
  ];
  for (const [file, expected] of cases) {
    it(`${file}: only ${expected.layout}`, () => {
      const { probe } = importInput(importFixture(file), file);
      for (const a of mine) {
        if (a === expected) expect(a.detect(probe), a.layout).toBeGreaterThan(0);
        else expect(a.detect(probe), a.layout).toBe(0);
      }
      // On the other adapters' scale: a platform's own layout 60–80, a generic sheet 1–5.
      const score = expected.detect(probe);
      if (expected.platform === 'generic') expect(score).toBeLessThanOrEqual(5);
      else expect(score).toBeGreaterThanOrEqual(60);
    });
  }

  it('GA4 without its preamble is the generic sheet; with it, never the generic sheet', () => {
    const ga4 = importFixture('traffic-ga4-date.csv');
    const bare = ga4.split('\r\n').filter((l) => !l.startsWith('#') && l !== '').join('\n');
    expect(genericTraffic.detect(importInput(bare).probe)).toBeGreaterThan(0);
    expect(ga4Traffic.detect(importInput(bare).probe)).toBe(0);
    expect(genericTraffic.detect(importInput(ga4).probe)).toBe(0);
  });

  // Real headers of the other exports (Shopify, WooCommerce, Etsy): none of these adapters may claim them.
  const foreign: Record<string, string> = {
    'Shopify orders':
      'Name,Email,Financial Status,Paid at,Fulfillment Status,Fulfilled at,Accepts Marketing,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,Shipping Method,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem compare at price,Lineitem sku,Lineitem requires shipping,Lineitem taxable,Lineitem fulfillment status,Billing Name,Id,Tags,Risk Level,Source',
    'Shopify customers':
      'Customer ID,First Name,Last Name,Email,Accepts Email Marketing,Default Address Company,Default Address Address1,Default Address City,Default Address Country Code,Phone,Accepts SMS Marketing,Total Spent,Total Orders,Note,Tax Exempt,Tags',
    'Shopify inventory':
      'Handle,Title,Option1 Name,Option1 Value,Option2 Name,Option2 Value,Option3 Name,Option3 Value,SKU,HS Code,COO,Location,Bin name,Incoming (not editable),Unavailable (not editable),Committed (not editable),Available (not editable),On hand (current),On hand (new)',
    'Shopify products':
      'Handle,Title,Body (HTML),Vendor,Product Category,Type,Tags,Published,Option1 Name,Option1 Value,Variant SKU,Variant Price,Image Src,Status',
    'Etsy listings': 'TITLE,DESCRIPTION,PRICE,CURRENCY_CODE,QUANTITY,TAGS,MATERIALS,IMAGE1,SKU',
    'Mailchimp audience': '"Email Address","First Name","Last Name",MEMBER_RATING,OPTIN_TIME,OPTIN_IP,CONFIRM_TIME,CONFIRM_IP,LATITUDE,LONGITUDE,GMTOFF,DSTOFF,TIMEZONE,CC,REGION,LAST_CHANGED,LEID,EUID,NOTES',
  };
  for (const [what, header] of Object.entries(foreign)) {
    it(`${what}: claimed by none`, () => {
      const { probe } = importInput(`${header}\n`, 'x.csv');
      for (const a of mine) expect(a.detect(probe), a.layout).toBe(0);
    });
  }
});
