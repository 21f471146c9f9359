import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { CONFIG_FILE, StoreConfig } from './config.js';
import { UserError } from '../errors.js';
import { parseYamlStrict } from '../lib/yaml-file.js';

export interface InitResult {
  dir: string;
  written: string[];
}

/** Writes a commented shopflow.yaml and templates/; never overwrites an existing store. */
export function initStore(opts: { cwd: string; dir: string; name?: string | undefined; currency?: string | undefined; timezone?: string | undefined }): InitResult {
  const dir = resolve(opts.cwd, opts.dir);
  const configPath = join(dir, CONFIG_FILE);
  if (existsSync(configPath)) throw new UserError(`${relative(opts.cwd, configPath) || configPath} already exists; nothing changed`);
  const text = configText(opts);
  // What we write must be what we read: validate before touching the disk.
  parseYamlStrict(text, CONFIG_FILE, StoreConfig);
  mkdirSync(join(dir, 'templates'), { recursive: true });
  writeFileSync(configPath, text);
  const readme = join(dir, 'templates', 'README.md');
  if (!existsSync(readme)) writeFileSync(readme, TEMPLATES_README);
  return { dir, written: [CONFIG_FILE, 'templates/README.md'] };
}

function yamlString(s: string): string {
  return JSON.stringify(s);
}

function configText(o: { name?: string | undefined; currency?: string | undefined; timezone?: string | undefined }): string {
  const currency = o.currency?.toUpperCase();
  return `# shopflow store settings. Every key is optional; a misspelt key is an error, not ignored.
store:
${o.name ? `  name: ${yamlString(o.name)}` : '  # name: "Fern & Clay"   # your store name, used in SEO titles and emails'}
  # ISO 4217 code. Leave it out to take the currency from your exports.
${currency ? `  currency: ${currency}` : '  # currency: EUR'}
  # IANA time zone: reports count days in it.
  timezone: ${yamlString(o.timezone ?? 'UTC')}
  # Language of the drafts.
  language: en
  # true when your exports write amounts as 1.234,56 (European style).
  decimal_comma: false
  # Orders in another currency: its rate to the store currency (1 EUR = 1.08 of yours).
  # currency_rates: { EUR: 1.08 }

# How your store sounds. Drafts follow it; a language model reads it as its brief.
brand_voice: |
  Warm, clear and honest. Short sentences. No hype.

# Facts that replies and emails may quote. Drafts never promise what is not written here.
policies:
  # return_days: 30
  # shipping_time: "2–4 business days"
  # free_shipping_over: 50
  # warranty: "1 year"

# Who drafts: offline (no network, no cost, the default) or openai (needs OPENAI_API_KEY).
provider:
  name: offline
  model: gpt-4o-mini
  # base_url: http://localhost:11434/v1   # any OpenAI-compatible server (Ollama, LM Studio, vLLM, OpenRouter)
  # concurrency: 4                        # requests at once (draft --concurrency)
  # prices:                               # USD per million tokens, for --dry-run and --max-cost
  #   gpt-4o-mini: { input: 0.15, output: 0.60 }

drafting:
  # --only-missing drafts products whose description is shorter than this many characters.
  short_description_chars: 80

# KPI targets for shopflow report: a missed one makes it exit 3 (cron mails you).
kpi_targets:
  # refund_rate: "< 5%"
  # conversion_rate: ">= 1.5%"
  # aov: ">= 40"

# The claims guard checks every draft's amounts, materials, certifications, compatibility and
# promises against your product data (docs/claims.md). Add your own words here.
claims:
  # materials: [tencel]
  # properties: ["Soil Association"]
  # synonyms: { machine-washable: ["washes at 30"] }
  # facts_file: facts.csv   # columns handle,fact: extra facts per product
`;
}

const TEMPLATES_README = `# Your templates

A YAML file here named like a shipped template (for example product-description.yaml) replaces it
for this store. Copy the shipped one as a start: see the templates/ folder of shopflow and its
README for the format. A new file name makes a new template: shopflow draft products.csv -t NAME.
`;
