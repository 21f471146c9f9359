import type { KpiDefinition, KpiGroup, KpiName } from './types.js';

/**
 * How the HTML report shows each KPI. The formula itself comes from `report.definitions`.
 * Interim: to be unified with the shared KPI_DEFINITIONS table (definitions.ts) at merge.
 */
export const HTML_KPI_LABELS: Record<KpiName, Omit<KpiDefinition, 'formula'>> = {
  orders: { label: 'Orders', group: 'sales', unit: 'count' },
  revenue: { label: 'Revenue', group: 'sales', unit: 'money' },
  refunded: { label: 'Refunded', group: 'sales', unit: 'money', lowerIsBetter: true },
  net_revenue: { label: 'Net revenue', group: 'sales', unit: 'money' },
  aov: { label: 'Average order value', group: 'sales', unit: 'money' },
  units: { label: 'Units sold', group: 'sales', unit: 'count' },
  discount_rate: { label: 'Discount rate', group: 'sales', unit: 'rate', lowerIsBetter: true },
  new_customers: { label: 'New customers', group: 'customers', unit: 'count' },
  returning_customers: { label: 'Returning customers', group: 'customers', unit: 'count' },
  returning_customer_rate: { label: 'Returning customer rate', group: 'customers', unit: 'rate' },
  repeat_purchase_rate: { label: 'Repeat purchase rate', group: 'customers', unit: 'rate' },
  refund_rate: { label: 'Refund rate', group: 'refunds', unit: 'rate', lowerIsBetter: true },
  refunded_share: { label: 'Share of revenue refunded', group: 'refunds', unit: 'rate', lowerIsBetter: true },
  sessions: { label: 'Sessions', group: 'traffic', unit: 'count' },
  conversion_rate: { label: 'Conversion rate', group: 'traffic', unit: 'rate' },
  email_recipients: { label: 'Recipients', group: 'email', unit: 'count' },
  email_delivered: { label: 'Delivered', group: 'email', unit: 'count' },
  open_rate: { label: 'Open rate', group: 'email', unit: 'rate' },
  click_rate: { label: 'Click rate', group: 'email', unit: 'rate' },
  click_to_open: { label: 'Click-to-open rate', group: 'email', unit: 'rate' },
  unsubscribe_rate: { label: 'Unsubscribe rate', group: 'email', unit: 'rate', lowerIsBetter: true },
  email_revenue_per_recipient: { label: 'Email revenue per recipient', group: 'email', unit: 'money' },
  reviews: { label: 'Reviews', group: 'feedback', unit: 'count' },
  average_rating: { label: 'Average rating', group: 'feedback', unit: 'rating' },
};

export const GROUP_TITLES: Record<KpiGroup, string> = {
  sales: 'Sales',
  customers: 'Customers',
  refunds: 'Refunds',
  traffic: 'Traffic',
  email: 'Email',
  feedback: 'Customer feedback',
};
