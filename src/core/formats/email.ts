/**
 * Email imports: campaigns (kind `email_campaigns`) and automated flows (kind `email_flows`).
 *
 * Layouts:
 *   - Mailchimp all-campaigns report (Reports › Export): one row per campaign, key `Unique Id`.
 *   - Mailchimp single-campaign report and A/B (multivariate) report: key/value lines, not a table;
 *     one record per report; an A/B report's `Combination N Stats` blocks are summed into it.
 *     They carry no campaign id: key = title + delivery time. The same campaign from the
 *     all-campaigns report (key `Unique Id`) becomes one row with it: see ../campaign-match.ts.
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
 *
 * The adapters: mailchimp.ts, klaviyo.ts, email-generic.ts; rate helpers in reports.ts.
 */
import type { ImportAdapter } from './records.js';
import { genericEmailCampaigns } from './generic/email.js';
import { klaviyoCampaigns, klaviyoFlows } from './klaviyo/reports.js';
import { mailchimpCampaigns, mailchimpReport } from './mailchimp/reports.js';

export { genericEmailCampaigns, klaviyoCampaigns, klaviyoFlows, mailchimpCampaigns, mailchimpReport };

export const emailAdapters: ImportAdapter[] = [mailchimpCampaigns, mailchimpReport, klaviyoCampaigns, klaviyoFlows, genericEmailCampaigns];
