/**
 * Customer counts (by email; orders without one are not customers here). The repeat rate "as of
 * the period end" needs every customer's history: rather than reading every order on each run,
 * the report keeps each customer's first and second order time in report_customers (migration
 * 010) and rebuilds it, in one pass over the covering index orders_email_created, only when an
 * import happened since it was built. A run then counts index entries, and reads only the
 * period's own orders for who bought in it.
 */
import type { Db } from '../db/open.js';
import { stmt } from '../db/statements.js';
import type { Range } from './queries.js';

export interface CustomerCounts {
  /** Customers with ≥ 1 and ≥ 2 orders created before the period end. */
  buyers: number;
  repeaters: number;
  /** Customers with an order in the period, and those of them who ordered before it. */
  customers: number;
  returners: number;
}

/** Rebuilds report_customers when an import ran since it was built; true when it did. */
export function refreshCustomers(db: Db): boolean {
  const stamp = (stmt(db, `select coalesce(max(id), 0) as s from imports`).get() as { s: number }).s;
  const built = stmt(db, `select stamp from report_cache where name = 'customers'`).get() as { stamp: number } | undefined;
  if (built?.stamp === stamp) return false;
  db.transaction(() => {
    stmt(db, `delete from report_customers`).run();
    stmt(
      db,
      `insert into report_customers (email, first_at, second_at)
       select email, first_at,
         (select o.created_at from orders o indexed by orders_email_created
          where o.email = f.email and o.cancelled_at is null order by o.created_at limit 1 offset 1)
       from (select email, min(created_at) as first_at from orders indexed by orders_email_created
             where email is not null and cancelled_at is null group by email) f`,
    ).run();
    stmt(db, `insert into report_cache (name, stamp) values ('customers', @stamp) on conflict (name) do update set stamp = @stamp`).run({ stamp });
  })();
  return true;
}

function counts(db: Db, r: Range): CustomerCounts {
  const before = (column: 'first_at' | 'second_at'): number =>
    (stmt(db, `select count(*) as n from report_customers where ${column} < @hi`).get({ hi: r.hi }) as { n: number }).n;
  const inPeriod = stmt(
    db,
    `select count(*) as customers, coalesce(sum(c.first_at < @lo), 0) as returners
     from (select distinct email from orders indexed by orders_report
           where created_at >= @lo and created_at < @hi and cancelled_at is null and email is not null) p
     join report_customers c on c.email = p.email`,
  ).get(r) as { customers: number; returners: number };
  return { buyers: before('first_at'), repeaters: before('second_at'), ...inPeriod };
}

/** Counts for a period and its comparison period. */
export function customerCounts(db: Db, a: Range, b: Range): [CustomerCounts, CustomerCounts] {
  refreshCustomers(db);
  return [counts(db, a), counts(db, b)];
}
