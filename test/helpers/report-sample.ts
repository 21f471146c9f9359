/**
 * A realistic `Report` for the HTML renderer's tests: one week of a small ceramics store with
 * orders, traffic, email and reviews. Built by hand (not by computeReport), so the HTML tests
 * stand on the data contract alone. `htmlSampleReport()` returns a fresh object to change freely.
 */
import { KPI_NAMES } from '../../src/core/report/types.js';
import type { DayPoint, EmailRow, KpiName, Report } from '../../src/core/report/types.js';

const WEEK = ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21', '2026-11-22'];
const PREV = ['2026-11-09', '2026-11-10', '2026-11-11', '2026-11-12', '2026-11-13', '2026-11-14', '2026-11-15'];

function days(dates: string[], orders: number[], revenue: number[], sessions: (number | null)[]): DayPoint[] {
  return dates.map((date, i) => ({ date, orders: orders[i]!, revenue: revenue[i]!, sessions: sessions[i]! }));
}

export function emailRow(kind: EmailRow['kind'], name: string, date: string | null, recipients: number, open: number, click: number, revenue: number): EmailRow {
  return {
    kind,
    platform: 'klaviyo',
    name,
    date,
    recipients,
    delivered: Math.round(recipients * 0.99),
    open_rate: open,
    click_rate: click,
    click_to_open: open > 0 ? click / open : null,
    unsubscribe_rate: 0.002,
    revenue,
    revenue_per_recipient: recipients > 0 ? revenue / recipients : null,
  };
}

function kpiRecord(values: Partial<Record<KpiName, number | null>>): Record<KpiName, number | null> {
  return Object.fromEntries(KPI_NAMES.map((k) => [k, values[k] ?? null])) as Record<KpiName, number | null>;
}

export function htmlSampleReport(): Report {
  const daily = days(WEEK, [9, 7, 11, 8, 12, 6, 10], [412.5, 301.0, 538.9, 366.4, 611.2, 254.0, 470.3], [640, 580, 702, 615, 790, 455, 610]);
  const previous = days(PREV, [8, 9, 6, 10, 7, 5, 9], [355.0, 402.6, 260.3, 480.1, 318.8, 199.5, 421.0], [600, 640, 510, 655, 560, 430, 590]);
  const sum = (d: DayPoint[], k: 'orders' | 'revenue' | 'sessions') => d.reduce((a, p) => a + (p[k] ?? 0), 0);
  const kpis = kpiRecord({
    orders: sum(daily, 'orders'), revenue: sum(daily, 'revenue'), refunded: 189.9, net_revenue: sum(daily, 'revenue') - 189.9,
    aov: sum(daily, 'revenue') / sum(daily, 'orders'), units: 97, discount_rate: 0.061,
    new_customers: 41, returning_customers: 22, returning_customer_rate: 0.349, repeat_purchase_rate: 0.212,
    refund_rate: 0.063, refunded_share: 0.063, sessions: sum(daily, 'sessions'), conversion_rate: sum(daily, 'orders') / sum(daily, 'sessions'),
    email_recipients: 6120, email_delivered: 6059, open_rate: 0.412, click_rate: 0.031, click_to_open: 0.075, unsubscribe_rate: 0.0021,
    email_revenue_per_recipient: 0.19, reviews: 23, average_rating: 4.3,
  });
  const prevKpis = kpiRecord({
    orders: sum(previous, 'orders'), revenue: sum(previous, 'revenue'), refunded: 61.0, net_revenue: sum(previous, 'revenue') - 61,
    aov: sum(previous, 'revenue') / sum(previous, 'orders'), units: 88, discount_rate: 0.074,
    new_customers: 36, returning_customers: 18, returning_customer_rate: 0.333, repeat_purchase_rate: 0.2,
    refund_rate: 0.037, refunded_share: 0.025, sessions: sum(previous, 'sessions'), conversion_rate: sum(previous, 'orders') / sum(previous, 'sessions'),
    email_recipients: 5980, email_delivered: 5911, open_rate: 0.398, click_rate: 0.034, click_to_open: 0.085, unsubscribe_rate: 0.0018,
    email_revenue_per_recipient: 0.21, reviews: 19, average_rating: 4.5,
  });
  const change = kpiRecord(
    Object.fromEntries(KPI_NAMES.map((k) => {
      const v = kpis[k];
      const p = prevKpis[k];
      return [k, v === null || p === null || p === 0 ? null : (v - p) / p];
    })),
  );
  const campaigns = [
    emailRow('campaign', 'Black Friday early access', '2026-11-18', 2980, 0.452, 0.041, 712.4),
    emailRow('campaign', 'New glazes: winter collection', '2026-11-20', 2950, 0.371, 0.022, 244.0),
  ];
  const flows = [
    emailRow('flow', 'Welcome series', '2026-11', 120, 0.61, 0.083, 96.0),
    emailRow('flow', 'Abandoned checkout', '2026-11', 70, 0.48, 0.1, 118.5),
  ];
  return {
    store: { name: 'Linen & Clay', currency: 'EUR', timezone: 'Europe/Berlin' },
    generated_at: '2026-11-23T07:00:00+01:00',
    period: { since: WEEK[0]!, until: WEEK[6]!, days: 7, label: 'last week (ISO week 47)' },
    compare: { mode: 'previous', period: { since: PREV[0]!, until: PREV[6]!, days: 7, label: 'ISO week 46' }, kpis: prevKpis, change },
    kpis,
    definitions: Object.fromEntries(KPI_NAMES.map((k) => [k, `formula of ${k.replace(/_/g, ' ')} ÷ its denominator`])) as Record<KpiName, string>,
    history: { orders_from: '2026-01-05', orders_until: WEEK[6]! },
    sources: { orders: true, traffic: true, email: true, reviews: true, messages: false },
    daily,
    daily_previous: previous,
    top_products: {
      by_revenue: [
        { key: 'MUG-SPK-01', name: 'Speckled Stoneware Mug', units: 31, revenue: 868.0 },
        { key: 'BWL-LIN-02', name: 'Linen-glaze Serving Bowl', units: 9, revenue: 612.0 },
        { key: 'VAS-BUD-03', name: 'Bud Vase, set of 3', units: 12, revenue: 420.0 },
      ],
      by_units: [
        { key: 'MUG-SPK-01', name: 'Speckled Stoneware Mug', units: 31, revenue: 868.0 },
        { key: 'CST-CRK-04', name: 'Cork Coasters (4)', units: 18, revenue: 216.0 },
        { key: 'VAS-BUD-03', name: 'Bud Vase, set of 3', units: 12, revenue: 420.0 },
      ],
      most_refunded: [{ key: 'BWL-LIN-02', name: 'Linen-glaze Serving Bowl', units: 2, revenue: 136.0, refunded_orders: 3 }],
    },
    email: { campaigns, flows, total: emailRow('total', 'All email', null, 6120, 0.412, 0.031, 1170.9) },
    feedback: {
      distribution: [2, 1, 2, 6, 12],
      previous_average: 4.5,
      themes: [
        { phrase: 'arrived broken', count: 3, quotes: ['Bowl arrived broken, the box was far too thin.', 'Arrived broken, second time this year'] },
        { phrase: 'smaller than expected', count: 2, quotes: ['Lovely glaze but much smaller than expected'] },
      ],
      message_categories: null,
    },
    actions: [
      'Refund rate rose from 3.7% to 6.3% (target < 5%): 3 of 4 refunds were the Linen-glaze Serving Bowl, "arrived broken".',
      'Black Friday early access earned €712.40 from 2,980 recipients: the best email this week.',
    ],
    targets: [
      { kpi: 'refund_rate', target: '< 5%', value: 0.063, met: false },
      { kpi: 'conversion_rate', target: '>= 1.5%', value: kpis.conversion_rate, met: true },
      { kpi: 'average_rating', target: '>= 4.5', value: 4.3, met: false },
    ],
    notes: ['Today (23 Nov) is not finished and is left out.', 'Sessions come from the Shopify sessions report.'],
  };
}
