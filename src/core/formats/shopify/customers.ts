/**
 * Shopify customers export (README §3), all three header generations: 2024– (`Default Address …`),
 * 2022–2023 (`Company, Address1, … Country Code`), ≤2021 (no `Customer ID`, `Accepts Marketing`).
 *
 * Decisions:
 * - key = the lowercased Email when present, else `Customer ID` (its `'` guard removed), else the
 *   row is skipped with the problem "no Customer ID or Email; skipped". Email first: the ≤2021
 *   export has no Customer ID and Excel destroys it, so only the email names the same customer in
 *   every generation and every copy (keying by ID would count one customer twice).
 * - A Customer ID Excel turned into `7.02255E+12` has lost digits: the row is keyed by its Email
 *   and `customerId` is left out, with ONE warning for the column naming the lines; with no Email
 *   the row is skipped with a row problem.
 * - `Accepts Marketing` (≤2021) is email consent. `country` is the country CODE when the file has
 *   one (every generation does), else the country name.
 * - An unreadable optional value (Total Spent, Total Orders, a yes/no) is reported and left empty;
 *   the customer is kept. The `Email` column is required (InputError otherwise).
 */
import { InputError } from '../../errors.js';
import type { CustomerRecord, ImportAdapter, ImportInput, Probe } from '../records.js';
import { bool, count, excelDamaged, list, money, text } from '../values.js';
import { Columns } from '../columns.js';
import { cell, ExcelDamage, nonEmpty, opt, read, type Report } from './common.js';

const SIGNATURE = [
  'Customer ID', 'First Name', 'Last Name', 'Email', 'Accepts Email Marketing', 'Accepts Marketing', 'Accepts SMS Marketing',
  'Total Spent', 'Total Orders', 'Tags', 'Note', 'Tax Exempt', 'Phone', 'Default Address City', 'City', 'Country Code',
  'Default Address Country Code',
];

function detect(probe: Probe): number {
  const cols = new Columns(probe.header, 'exact');
  // Every generation has these; a hand-made customer list rarely has all of them.
  const needed = [['Email'], ['Total Spent'], ['Total Orders'], ['Tax Exempt'], ['First Name', 'Last Name'], ['Accepts Email Marketing', 'Accepts Marketing']];
  if (!needed.every((names) => cols.has(...names))) return 0;
  // Orders and checkouts exports have an Email too, never these.
  if (cols.has('Lineitem name', 'Handle')) return 0;
  return 40 + 3 * cols.count(SIGNATURE);
}

async function* readCustomers(input: ImportInput): AsyncGenerator<CustomerRecord> {
  const cols = new Columns(input.header, 'exact');
  const email = cols.col('Email');
  if (!email) throw new InputError({ file: input.file, line: 1, column: 'Email' }, 'no "Email" column, so this is not a Shopify customers export as Shopify writes it');
  const c = {
    id: cols.col('Customer ID'),
    first: cols.col('First Name'),
    last: cols.col('Last Name'),
    acceptsEmail: cols.col('Accepts Email Marketing', 'Accepts Marketing'),
    acceptsSms: cols.col('Accepts SMS Marketing'),
    spent: cols.col('Total Spent'),
    orders: cols.col('Total Orders'),
    tags: cols.col('Tags'),
    city: cols.col('Default Address City', 'City'),
    country: cols.col('Default Address Country Code', 'Country Code', 'Country'),
  };
  const report: Report = (p) => input.problem(p);
  const dec = input.settings.decimalComma;
  const damage = new ExcelDamage();
  for await (const row of input.rows()) {
    const mail = text(cell(row, email));
    let customerId = text(cell(row, c.id));
    if (customerId !== undefined && excelDamaged(customerId)) {
      if (mail === undefined) {
        report({
          line: row.line,
          column: c.id!.label,
          value: customerId,
          message: `"${customerId}" is a Customer ID Excel turned into scientific notation (its digits are lost) and the row has no Email; skipped`,
        });
        continue;
      }
      damage.note(c.id!.label, row.line, customerId);
      customerId = undefined;
    }
    const key = mail?.toLowerCase() ?? customerId;
    if (key === undefined) {
      report({ line: row.line, message: 'no Customer ID or Email; skipped' });
      continue;
    }
    const rec: CustomerRecord = {
      kind: 'customers',
      key,
      line: row.line,
      customerId,
      email: mail,
      firstName: text(cell(row, c.first)),
      lastName: text(cell(row, c.last)),
      acceptsEmail: opt(read(report, row, c.acceptsEmail, bool)),
      acceptsSms: opt(read(report, row, c.acceptsSms, bool)),
      totalSpent: opt(read(report, row, c.spent, (r) => money(r, { decimalComma: dec }))),
      totalOrders: opt(read(report, row, c.orders, count)),
      tags: nonEmpty(list(cell(row, c.tags))),
      city: text(cell(row, c.city)),
      country: text(cell(row, c.country)),
    };
    yield rec;
  }
  damage.flush(input, 'those customers were keyed by their Email instead');
}

export const shopifyCustomers: ImportAdapter = {
  kind: 'customers',
  platform: 'shopify',
  layout: 'Shopify customers export',
  detect,
  read: readCustomers,
};
