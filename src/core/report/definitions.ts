import type { KpiDefinition, KpiGroup, KpiName } from './types.js';

export const GROUP_TITLES: Record<KpiGroup, string> = {
  sales: 'Sales',
  customers: 'Customers',
  refunds: 'Refunds',
  traffic: 'Traffic',
  email: 'Email',
  feedback: 'Customer feedback',
};

/** How each KPI is labelled, grouped, formatted and computed (the formula is shown as a footnote). */
export const DEFINITIONS: Record<KpiName, KpiDefinition> = {
  orders: { label: 'Orders', group: 'sales', unit: 'count', formula: 'orders created in the period (store-local date), not cancelled' },
  revenue: { label: 'Revenue', group: 'sales', unit: 'money', formula: 'sum of order Total of those orders (incl. shipping and taxes)' },
  refunded: { label: 'Refunded', group: 'sales', unit: 'money', formula: 'sum of the refunded amount of those orders', lowerIsBetter: true },
  net_revenue: { label: 'Net revenue', group: 'sales', unit: 'money', formula: 'revenue − refunded' },
  aov: { label: 'Average order value', group: 'sales', unit: 'money', formula: 'revenue ÷ orders' },
  units: { label: 'Units sold', group: 'sales', unit: 'count', formula: 'sum of line-item quantities of those orders' },
  discount_rate: { label: 'Discounted orders', group: 'sales', unit: 'rate', formula: 'orders with a discount ÷ orders', lowerIsBetter: true },
  new_customers: { label: 'New customers', group: 'customers', unit: 'count', formula: 'customers (by email) whose first order is in the period' },
  returning_customers: { label: 'Returning customers', group: 'customers', unit: 'count', formula: 'customers (by email) with an order in the period who ordered before it' },
  returning_customer_rate: {
    label: 'Returning customer rate',
    group: 'customers',
    unit: 'rate',
    formula: 'returning customers ÷ customers who ordered in the period (the Shopify-style rate)',
  },
  repeat_purchase_rate: {
    label: 'Repeat purchase rate',
    group: 'customers',
    unit: 'rate',
    formula: 'customers with ≥ 2 orders ever ÷ customers with ≥ 1 order, as of the period end (the true repeat rate)',
  },
  refund_rate: { label: 'Refund rate', group: 'refunds', unit: 'rate', formula: 'orders with a refund ÷ orders', lowerIsBetter: true },
  refunded_share: { label: 'Refunded share of revenue', group: 'refunds', unit: 'rate', formula: 'refunded ÷ revenue', lowerIsBetter: true },
  sessions: { label: 'Sessions', group: 'traffic', unit: 'count', formula: 'sessions in the traffic export, summed over the days of the period' },
  conversion_rate: { label: 'Conversion rate', group: 'traffic', unit: 'rate', formula: 'orders ÷ sessions (days with traffic data only)' },
  email_recipients: { label: 'Email recipients', group: 'email', unit: 'count', formula: 'recipients of campaigns sent in the period (flows: delivered)' },
  email_delivered: { label: 'Emails delivered', group: 'email', unit: 'count', formula: 'delivered emails of campaigns and flows in the period' },
  open_rate: {
    label: 'Open rate',
    group: 'email',
    unit: 'rate',
    formula: 'unique opens ÷ delivered (inflated by Apple Mail privacy protection, which opens every email)',
  },
  click_rate: { label: 'Click rate', group: 'email', unit: 'rate', formula: 'unique clicks ÷ delivered' },
  click_to_open: { label: 'Click-to-open', group: 'email', unit: 'rate', formula: 'unique clicks ÷ unique opens' },
  unsubscribe_rate: { label: 'Unsubscribe rate', group: 'email', unit: 'rate', formula: 'unsubscribes ÷ delivered', lowerIsBetter: true },
  email_revenue_per_recipient: {
    label: 'Email revenue per recipient',
    group: 'email',
    unit: 'money',
    formula: 'revenue the email platform attributes ÷ recipients (flows: delivered)',
  },
  reviews: { label: 'Reviews', group: 'feedback', unit: 'count', formula: 'reviews written in the period' },
  average_rating: { label: 'Average rating', group: 'feedback', unit: 'rating', formula: 'sum of star ratings ÷ reviews in the period' },
};

export const definitionTexts = (): Record<KpiName, string> =>
  Object.fromEntries(Object.entries(DEFINITIONS).map(([k, d]) => [k, d.formula])) as Record<KpiName, string>;
