import { UserError } from '../errors.js';

export interface Money {
  /** The store currency every amount of the report is in. */
  currency: string;
  /** Factor from an order's currency to the store currency (null: the store currency). */
  rate: (c: string | null) => number;
}

/**
 * The report's currency: `store.currency` when set, else the one currency the orders use (an INR
 * export just works). Orders in any other currency need a rate in `store.currency_rates`
 * (1 EUR = 1.08 store currency is `EUR: 1.08`); without one the report refuses to add them up.
 */
export function moneyFor(
  configured: string | undefined,
  rates: Record<string, number>,
  seen: Iterable<string | null>,
  fallback: () => string | undefined,
): Money {
  const used = [...new Set([...seen].filter((c): c is string => c !== null && c !== ''))].sort();
  let currency = configured;
  if (!currency) {
    const unrated = used.filter((c) => rates[c] === undefined);
    if (unrated.length > 1) {
      throw new UserError(
        `the orders are in several currencies (${unrated.join(', ')}): set store.currency in shopflow.yaml ` +
          `and a rate for each other currency in store.currency_rates (e.g. ${unrated[1]}: 1.08)`,
      );
    }
    currency = unrated[0] ?? used[0] ?? fallback() ?? 'XXX';
  }
  const missing = used.filter((c) => c !== currency && rates[c] === undefined);
  if (missing.length > 0) {
    throw new UserError(
      `some orders are in ${missing.join(', ')}, not in the store currency ${currency}: add a rate to shopflow.yaml, ` +
        `e.g. store.currency_rates: { ${missing[0]}: 1.08 } (1 ${missing[0]} = 1.08 ${currency})`,
    );
  }
  const store = currency;
  return { currency: store, rate: (c) => (c === null || c === '' || c === store ? 1 : rates[c]!) };
}
