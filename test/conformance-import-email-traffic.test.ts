/**
 * Reads the real email and traffic exports collected in SHOPFLOW_FORMATS_DIR (not shipped with the
 * project: they carry no licence). Skipped when the variable is unset or the folder is absent.
 * Expected counts are computed here from the text, independently of the adapters.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  emailAdapters,
  genericEmailCampaigns,
  klaviyoCampaigns,
  klaviyoFlows,
  mailchimpCampaigns,
  mailchimpReport,
} from '../src/core/formats/email.js';
import { ga4Traffic, genericTraffic, shopifySessions, trafficAdapters } from '../src/core/formats/traffic.js';
import type { ImportAdapter, TrafficRecord } from '../src/core/formats/records.js';
import { importInput, readAll } from './helpers/import-input.js';

const root = process.env.SHOPFLOW_FORMATS_DIR;
const present = root !== undefined && root !== '' && existsSync(root);
const mine = [...emailAdapters, ...trafficAdapters];

function files(dir: string): { name: string; path: string; text: string }[] {
  if (!present) return [];
  const folder = join(root, dir);
  if (!existsSync(folder)) return [];
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.toLowerCase().endsWith('.csv'))
    .sort()
    .map((f) => ({ name: `${dir}/${f}`, path: join(folder, f), text: readFileSync(join(folder, f), 'utf8') }));
}

const table = (text: string): string[][] => parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];

/** Which adapter should read the file, from its first line, and how many records it should give. */
function expected(dir: string, text: string): { adapter: ImportAdapter; records: number; sessions?: number; noSessions?: boolean } {
  const firstLine = text.split(/\r?\n/)[0] ?? '';
  if (dir === 'mailchimp') {
    if (/^"?(Email )?Campaign Report"?$/.test(firstLine)) {
      // One campaign, however many combinations an A/B report has.
      return { adapter: mailchimpReport, records: 1 };
    }
    return { adapter: mailchimpCampaigns, records: table(text).length - 1 };
  }
  if (dir === 'klaviyo') {
    const rows = table(text);
    const header = rows[0]!;
    if (header.includes('Flow ID')) {
      const f = header.indexOf('Flow ID');
      const m = header.indexOf('Month');
      return { adapter: klaviyoFlows, records: new Set(rows.slice(1).map((r) => `${r[f]}|${r[m]}`)).size };
    }
    return { adapter: klaviyoCampaigns, records: rows.length - 1 };
  }
  // GA4: tables start after a comment or blank line; count the data rows under a header with Sessions.
  let records = 0;
  let sessions = 0;
  let sessionsAt = -1;
  let inTable = false;
  let anySessions = false;
  for (const line of text.split(/\r?\n/)) {
    if (line.startsWith('#') || line.trim() === '') {
      inTable = false;
      continue;
    }
    if (!inTable) {
      inTable = true;
      sessionsAt = line.split(',').indexOf('Sessions');
      if (sessionsAt >= 0) anySessions = true;
      continue;
    }
    if (sessionsAt < 0 || line.includes('Grand total')) continue;
    records++;
    sessions += Number(line.split(',')[sessionsAt]);
  }
  return { adapter: ga4Traffic, records, sessions, noSessions: !anySessions };
}

describe.skipIf(!present)('real email and traffic exports in SHOPFLOW_FORMATS_DIR', () => {
  const samples = ['mailchimp', 'klaviyo', 'google-analytics'].flatMap((dir) => files(dir).map((f) => ({ ...f, dir })));

  it('has samples to read', () => {
    expect(samples.length).toBeGreaterThanOrEqual(10);
  });

  for (const s of samples) {
    it(`${s.name}: detected by the right adapter, all records read, no problems`, async () => {
      const want = expected(s.dir, s.text);
      const { probe } = importInput(s.text, s.name);
      for (const a of mine) {
        const score = a.detect(probe);
        if (a === want.adapter) expect(score, a.layout).toBeGreaterThan(0);
        else expect(score, a.layout).toBe(0);
      }
      const { records, problems, warnings } = await readAll(want.adapter, s.text, s.name);
      expect(problems).toEqual([]);
      expect(records).toHaveLength(want.records);
      expect(records.every((r) => r.kind === want.adapter.kind)).toBe(true);
      expect(new Set(records.map((r) => r.key)).size).toBe(records.length);
      if (want.adapter === ga4Traffic) {
        const traffic = records as TrafficRecord[];
        expect(traffic.reduce((n, r) => n + (r.sessions ?? 0), 0)).toBe(want.sessions);
        expect(traffic.every((r) => r.periodStart && r.periodEnd)).toBe(true);
        const noSessions = warnings.filter((w) => w.message.startsWith('no sessions in this GA4 report'));
        expect(noSessions).toHaveLength(want.noSessions ? 1 : 0);
        expect(warnings).toHaveLength(want.noSessions ? 1 : 0);
      } else {
        expect(warnings).toEqual([]);
      }
      console.log(`${s.name}: ${records.length} ${want.adapter.kind} records (${want.adapter.layout})`);
    });
  }

  it('no email or traffic adapter claims the other real exports (Shopify, WooCommerce, Etsy)', () => {
    const others = ['shopify', 'woocommerce', 'etsy'].flatMap((dir) => files(dir));
    expect(others.length).toBeGreaterThan(0);
    for (const f of others) {
      const { probe } = importInput(f.text, f.name);
      for (const a of mine) expect(a.detect(probe), `${f.name} / ${a.layout}`).toBe(0);
    }
  });

  it('the generic and Shopify-sessions adapters stay out of the real files', () => {
    for (const s of samples) {
      const { probe } = importInput(s.text, s.name);
      for (const a of [genericEmailCampaigns, genericTraffic, shopifySessions]) expect(a.detect(probe)).toBe(0);
    }
  });
});
