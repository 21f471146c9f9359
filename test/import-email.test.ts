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
import type { ImportAdapter } from '../src/core/formats/records.js';
import { importFixture, readAll } from './helpers/import-input.js';

const at = (local: string) => ({ local, offset: null, utc: null });

async function refused(adapter: ImportAdapter, text: string): Promise<InputError> {
  const err = await readAll(adapter, text).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe('emailAdapters', () => {
  it('lists the five email layouts', () => {
    expect(emailAdapters).toEqual([mailchimpCampaigns, mailchimpReport, klaviyoCampaigns, klaviyoFlows, genericEmailCampaigns]);
    expect(emailAdapters.map((a) => `${a.kind}/${a.platform}`)).toEqual([
      'email_campaigns/mailchimp',
      'email_campaigns/mailchimp',
      'email_campaigns/klaviyo',
      'email_flows/klaviyo',
      'email_campaigns/generic',
    ]);
  });
});

describe('Mailchimp all-campaigns report', () => {
  it('reads each campaign keyed by Unique Id; n/a is no value; bad rows are problems', async () => {
    const { records, problems, warnings } = await readAll(mailchimpCampaigns, importFixture('email-mailchimp-campaigns.csv'));
    expect(records).toStrictEqual([
      {
        kind: 'email_campaigns', key: 'a1b2c3d4e5', line: 2, name: 'Spring Sale Launch', subject: '20% off, this week only',
        list: 'Newsletter', sentAt: at('2025-03-03T08:00:00'), recipients: 1000, delivered: 980, uniqueOpens: 400,
        uniqueClicks: 50, unsubscribes: 3, bounces: 20, orders: 4, revenue: 199.5,
      },
      {
        kind: 'email_campaigns', key: 'b2c3d4e5f6', line: 3, name: 'Spring Sale Reminder', subject: 'Last day!',
        list: 'Newsletter', sentAt: at('2025-03-09T12:15:00'), recipients: 990, delivered: 985, uniqueOpens: 310,
        uniqueClicks: 41, unsubscribes: 2, bounces: 5,
      },
    ]);
    expect(problems).toEqual([
      { line: 4, column: 'Total Recipients', value: 'lots', message: '"lots" is not a count' },
      { line: 5, column: 'Unique Id', value: '', message: 'the campaign has no Unique Id' },
    ]);
    expect(warnings).toEqual([]);
  });

  it('refuses a file without the Unique Id column before reading any row', async () => {
    const text = importFixture('email-mailchimp-campaigns.csv').replace('"Unique Id"', '"Campaign Code"');
    const err = await refused(mailchimpCampaigns, text);
    expect(err.place).toEqual({ file: 'test.csv', line: 1, column: 'Unique Id' });
  });

  it('derives unique opens from the open rate when the count is missing', async () => {
    const text = 'Title,"Send Date","Successful Deliveries","Unique Opens","Open Rate","Unique Id"\nA,"Jun 09, 2018 09:30 pm",200,,27.5%,abc\n';
    const { records } = await readAll(mailchimpCampaigns, text);
    expect(records).toMatchObject([{ key: 'abc', delivered: 200, uniqueOpens: 55, sentAt: at('2018-06-09T21:30:00') }]);
  });
});

describe('Mailchimp campaign reports (key/value)', () => {
  it('single-campaign report: one record from Overall Stats, counts from "1,020 (41.55%)"', async () => {
    const { records, problems } = await readAll(mailchimpReport, importFixture('email-mailchimp-report.csv'));
    expect(records).toStrictEqual([
      {
        kind: 'email_campaigns', key: 'Autumn Restock|2025-10-07T18:05:00', line: 6, name: 'Autumn Restock',
        subject: 'Your favourites are back', sentAt: at('2025-10-07T18:05:00'), recipients: 2480, delivered: 2455,
        uniqueOpens: 1020, uniqueClicks: 133, unsubscribes: 7, bounces: 25,
      },
    ]);
    expect(problems).toEqual([]);
  });

  it('A/B report: one record for the campaign, its combinations summed; money like CA$1,204.50', async () => {
    const { records, problems } = await readAll(mailchimpReport, importFixture('email-mailchimp-ab.csv'));
    expect(records).toStrictEqual([
      {
        // The combinations' subjects differ, so the campaign has none.
        kind: 'email_campaigns', key: 'Winter Mugs Test|2025-11-01T09:00:00', line: 5, name: 'Winter Mugs Test',
        sentAt: at('2025-11-01T09:00:00'), recipients: 2401, delivered: 2385, uniqueOpens: 780, uniqueClicks: 77,
        unsubscribes: 6, bounces: 16, revenue: 1204.5,
      },
    ]);
    expect(problems).toEqual([]);
  });

  it('an unreadable value in one combination leaves the campaign out and names the line', async () => {
    const text = importFixture('email-mailchimp-ab.csv').replace('"Successful Deliveries:","1,195"', '"Successful Deliveries:","about 1200"');
    const { records, problems } = await readAll(mailchimpReport, text);
    expect(records).toEqual([]);
    expect(problems).toEqual([{ line: 29, column: 'Successful Deliveries:', value: 'about 1200', message: '"about 1200" is not a count' }]);
  });

  it('refuses a report without a Title line', async () => {
    const text = importFixture('email-mailchimp-report.csv').replace('"Title:","Autumn Restock"\n', '');
    const err = await refused(mailchimpReport, text);
    expect(err.place.column).toBe('Title:');
  });
});

describe('Klaviyo campaigns export', () => {
  it('reads float counts, derives missing counts from percent rates, keeps the channel', async () => {
    const { records, problems } = await readAll(klaviyoCampaigns, importFixture('email-klaviyo-campaigns.csv'));
    expect(records).toStrictEqual([
      {
        kind: 'email_campaigns', key: '01TESTCAMPAIGNAAAAAAAAAAAA', line: 2, name: 'Welcome Back Sale',
        subject: 'Come back for 15% off', list: 'Engaged (90 days), VIP', channel: 'Email', sentAt: at('2025-05-02T10:00:00'),
        recipients: 20000, delivered: 19900, uniqueOpens: 9000, uniqueClicks: 400, unsubscribes: 40, bounces: 100,
        orders: 30, revenue: 1520.5,
      },
      {
        // Unique Opens, Unique Clicks, Unique Placed Order and Bounces are empty: derived from the rates.
        kind: 'email_campaigns', key: '01TESTCAMPAIGNBBBBBBBBBBBB', line: 3, name: 'New Candle Drop',
        subject: 'Smell this:\nour new candle', list: 'Newsletter', channel: 'Email', sentAt: at('2025-05-09T08:30:00'),
        recipients: 10000, delivered: 9800, uniqueOpens: 3920, uniqueClicks: 147, unsubscribes: 25,
        bounces: 200, orders: 20, revenue: 800,
      },
      {
        kind: 'email_campaigns', key: '01TESTCAMPAIGNCCCCCCCCCCCC', line: 5, name: 'Flash SMS', list: 'SMS subscribers',
        channel: 'SMS', sentAt: at('2025-05-10T12:00:00'), recipients: 500, delivered: 500, uniqueOpens: 0,
        uniqueClicks: 50, unsubscribes: 3, bounces: 0, orders: 5, revenue: 95,
      },
    ]);
    expect(problems).toEqual([{ line: 6, column: 'Open Rate', value: 'abc', message: '"abc" is not a rate' }]);
  });

  it('bounces from the bounce rate over delivered when recipients are missing: rate × delivered ÷ (1 − rate)', async () => {
    const text = 'Campaign Name,Send Time,Successful Deliveries,Bounce Rate,Campaign ID\nA,2025-04-16 12:00:00,235481.0,2.15%,01X\n';
    const { records } = await readAll(klaviyoCampaigns, text);
    expect(records).toMatchObject([{ key: '01X', delivered: 235481, bounces: 5174 }]);
  });

  it('a bad rate next to a given count is not needed and not a problem', async () => {
    const text = 'Campaign Name,Send Time,Successful Deliveries,Unique Opens,Open Rate,Campaign ID\nA,2025-04-16 12:00:00,100.0,40.0,forty,01X\n';
    const { records, problems } = await readAll(klaviyoCampaigns, text);
    expect(records).toMatchObject([{ uniqueOpens: 40 }]);
    expect(problems).toEqual([]);
  });

  it('refuses a file without Campaign ID', async () => {
    const text = importFixture('email-klaviyo-campaigns.csv').replace('Campaign ID,', 'Campaign Key,');
    const err = await refused(klaviyoCampaigns, text);
    expect(err.place.column).toBe('Campaign ID');
  });
});

describe('Klaviyo flow performance export', () => {
  it('monthly: period from 08/2025, fraction rates, unsubscribes and bounces derived, rows of a flow-month added up', async () => {
    const { records, problems } = await readAll(klaviyoFlows, importFixture('email-klaviyo-flows-monthly.csv'));
    expect(records).toStrictEqual([
      {
        // lines 2 and 4: unsubscribes 0.01×1000 + 0.005×400 = 12; bounces 0.0099×1000÷0.9901 + 0.02×400÷0.98 = 10 + 8
        kind: 'email_flows', key: 'AbC123|2025-08', line: 2, flowId: 'AbC123', flowName: 'Welcome Series', period: '2025-08',
        status: 'live', delivered: 1400, uniqueOpens: 710, uniqueClicks: 28, unsubscribes: 12, bounces: 18, orders: 6, revenue: 290.6,
      },
      {
        kind: 'email_flows', key: 'AbC123|2025-09', line: 3, flowId: 'AbC123', flowName: 'Welcome Series', period: '2025-09',
        status: 'live', delivered: 800, uniqueOpens: 380, uniqueClicks: 16, unsubscribes: 10, bounces: 0, orders: 4, revenue: 199.99,
      },
      {
        // Unique Opens empty: 0.45 × 120
        kind: 'email_flows', key: 'XyZ789|2025-08', line: 5, flowId: 'XyZ789', flowName: 'Abandoned Cart', period: '2025-08',
        status: 'manual', delivered: 120, uniqueOpens: 54, uniqueClicks: 6, unsubscribes: 0, bounces: 0, orders: 3, revenue: 180,
      },
    ]);
    expect(problems).toEqual([{ line: 6, column: 'Month', value: '13/2025', message: '"13/2025" is not a month' }]);
  });

  it('per-day, per-message variant: period YYYY-MM-DD, key flow|message|day', async () => {
    const { records, problems } = await readAll(klaviyoFlows, importFixture('email-klaviyo-flows-daily.csv'));
    const common = { kind: 'email_flows', flowId: 'AbC123', flowName: 'Welcome Series', status: 'live' };
    expect(records).toStrictEqual([
      {
        ...common, key: 'AbC123|Msg001|2025-09-04', line: 2, messageId: 'Msg001', messageName: 'Welcome 1', period: '2025-09-04',
        delivered: 100, uniqueOpens: 60, uniqueClicks: 5, unsubscribes: 2, bounces: 0, orders: 1, revenue: 35,
      },
      {
        ...common, key: 'AbC123|Msg002|2025-09-04', line: 3, messageId: 'Msg002', messageName: 'Welcome 2', period: '2025-09-04',
        delivered: 80, uniqueOpens: 40, uniqueClicks: 2, unsubscribes: 0, bounces: 0, orders: 0, revenue: 0,
      },
      {
        ...common, key: 'AbC123|Msg001|2025-09-05', line: 4, messageId: 'Msg001', messageName: 'Welcome 1', period: '2025-09-05',
        delivered: 90, uniqueOpens: 45, uniqueClicks: 3, unsubscribes: 0, bounces: 1, orders: 2, revenue: 70,
      },
    ]);
    expect(problems).toEqual([]);
  });

  it('refuses a file without Flow ID', async () => {
    const text = importFixture('email-klaviyo-flows-monthly.csv').replace('Flow ID,', 'Flow,');
    const err = await refused(klaviyoFlows, text);
    expect(err.place.column).toBe('Flow ID');
  });
});

describe('generic email campaigns sheet', () => {
  it('reads the documented columns (any case, _ or space), keys name|sent_at, reports a repeated campaign', async () => {
    const { records, problems } = await readAll(genericEmailCampaigns, importFixture('email-generic-campaigns.csv'), 'c.csv', { decimalComma: true });
    expect(records).toStrictEqual([
      {
        kind: 'email_campaigns', key: 'June newsletter|2025-06-01T09:30:00', line: 2, name: 'June newsletter',
        sentAt: at('2025-06-01T09:30:00'), recipients: 500, delivered: 490, uniqueOpens: 210, uniqueClicks: 31,
        unsubscribes: 2, bounces: 10, revenue: 1234.5,
      },
      {
        kind: 'email_campaigns', key: 'July newsletter|2025-07-01T09:30:00', line: 3, name: 'July newsletter',
        sentAt: at('2025-07-01T09:30:00'), recipients: 520, delivered: 515, uniqueOpens: 199, uniqueClicks: 28, bounces: 5,
      },
    ]);
    expect(problems).toEqual([
      { line: 4, message: 'campaign "July newsletter|2025-07-01T09:30:00" was already on line 3; this row was skipped' },
    ]);
  });

  it('refuses a sheet missing a required column', async () => {
    const err = await refused(genericEmailCampaigns, 'name,sent at,recipients,delivered,unique clicks\nA,2025-01-01,1,1,1\n');
    expect(err.place.column).toBe('unique_opens');
  });
});
