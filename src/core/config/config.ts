import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { readYamlStrict } from '../lib/yaml-file.js';
import { targetProblem } from './kpi-targets.js';
import { ClaimsConfig } from './claims.js';
import { ProviderSection } from './provider.js';

export const CONFIG_FILE = 'shopflow.yaml';
export const DB_FILE = 'shopflow.db';

const Currency = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO currency code such as USD or EUR');

const SECTIONS = new Set(['store', 'policies', 'provider', 'drafting', 'kpi_targets', 'claims']);

/**
 * A known section left with only comments in it (`policies:`) is YAML null: treat it as empty.
 * Unknown keys are kept, so `.strict()` still reports a misspelt section (`policys:`).
 */
const nullSectionsAsEmpty = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v)
    ? Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([k, x]) => !(x === null && SECTIONS.has(k))))
    : v ?? {};

export const StoreConfig = z.preprocess(
  nullSectionsAsEmpty,
  z
  .object({
    store: z
      .object({
        name: z.string().min(1).optional().describe('Shown in drafts (SEO titles, emails) and reports; left out when not set'),
        currency: Currency.optional().describe('ISO 4217 code; when empty, taken from the data'),
        timezone: z.string().default('UTC').describe('IANA time zone, e.g. Europe/Berlin'),
        language: z.string().default('en').describe('Language of the drafts'),
        decimal_comma: z
          .boolean()
          .default(false)
          .describe('true when your exports write amounts as 1.234,56 (so "1,751" means 1.751, not 1751)'),
        url: z.string().optional(),
        currency_rates: z
          .record(Currency, z.number().positive())
          .default({})
          .describe('Rates for orders in other currencies: EUR: 1.08 means 1 EUR = 1.08 in store.currency'),
      })
      .strict()
      .default({ timezone: 'UTC', language: 'en', decimal_comma: false, currency_rates: {} }),
    brand_voice: z.string().default('Warm, clear and honest. Short sentences. No hype.'),
    policies: z
      .object({
        return_days: z.number().int().nonnegative().optional(),
        shipping_time: z.string().optional(),
        free_shipping_over: z.number().nonnegative().optional(),
        warranty: z.string().optional(),
      })
      .strict()
      .default({}),
    provider: ProviderSection.prefault({}),
    drafting: z
      .object({
        short_description_chars: z
          .number()
          .int()
          .nonnegative()
          .default(80)
          .describe('--only-missing drafts products whose current description is shorter than this'),
      })
      .strict()
      .default({ short_description_chars: 80 }),
    kpi_targets: z
      .record(z.string(), z.string())
      .superRefine((targets, ctx) => {
        for (const [kpi, text] of Object.entries(targets)) {
          const problem = targetProblem(kpi, text);
          if (problem) ctx.addIssue({ code: 'custom', path: [kpi], message: problem });
        }
      })
      .default({})
      .describe('KPI name → target such as "< 5%" or ">= 40"; a missed target makes `shopflow report` exit 3'),
    claims: ClaimsConfig.describe('Additions to the claims guard vocabulary (docs/claims.md)'),
  })
  .strict(),
);
export type StoreConfig = z.infer<typeof StoreConfig>;

export const defaultConfig = (): StoreConfig => StoreConfig.parse({});

/** Where the store lives: its folder (if any), its config and its database path. */
export interface StoreLocation {
  /** The store folder, or undefined when none was found (built-in defaults). */
  dir: string | undefined;
  /** Where shopflow.db is (or will be). */
  dbPath: string;
  config: StoreConfig;
  /** The folder that holds the store's template overrides, when there is a store folder. */
  templatesDir: string | undefined;
}

/**
 * Finds the store folder like git finds a repository: `--store` first, then SHOPFLOW_STORE, then
 * the current folder and its parents. Without one, built-in defaults and ./shopflow.db.
 */
export function findStore(opts: { cwd: string; store?: string | undefined; env: NodeJS.ProcessEnv }): StoreLocation {
  const explicit = opts.store ?? (opts.env.SHOPFLOW_STORE || undefined);
  let dir: string | undefined;
  if (explicit) {
    dir = resolve(opts.cwd, explicit);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new UserError(`store folder ${explicit} does not exist (run: shopflow init ${explicit})`);
    }
    if (!existsSync(join(dir, CONFIG_FILE))) {
      throw new UserError(`${explicit} is not a store folder: it has no ${CONFIG_FILE} (run: shopflow init ${explicit})`);
    }
  } else {
    for (let d = resolve(opts.cwd); ; d = dirname(d)) {
      if (existsSync(join(d, CONFIG_FILE))) {
        dir = d;
        break;
      }
      if (dirname(d) === d) break;
    }
  }
  if (!dir) {
    return { dir: undefined, dbPath: join(resolve(opts.cwd), DB_FILE), config: defaultConfig(), templatesDir: undefined };
  }
  const config = readYamlStrict(join(dir, CONFIG_FILE), StoreConfig, join(dir, CONFIG_FILE));
  return { dir, dbPath: join(dir, DB_FILE), config, templatesDir: join(dir, 'templates') };
}
