/**
 * Customer counts (by email; orders without one are not customers here). The repeat rate "as of
 * the period end" needs every customer's history: rather than reading every order on each run,
 * the report keeps each customer's first and second order time in report_customers (migration
 * 010) and brings it up to date only when an import happened since (see refreshCustomers). A run
 * then counts index entries, and reads only the period's own orders for who bought in it.
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

const cached = (db: Db, name: string): number | undefined =>
  (stmt(db, `select stamp from report_cache where name = ?`).get(name) as { stamp: number } | undefined)?.stamp;

const REBUILD = `insert into report_customers (email, first_at, second_at)
  select email, first_at,
    (select o.created_at from orders o indexed by orders_email
     where o.email = f.email and o.cancelled_at is null order by o.created_at limit 1 offset 1)
  from (select email, min(created_at) as first_at from orders indexed by orders_email
        where email is not null and cancelled_at is null group by email) f`;

/** The customers of orders added after `id`: their first and second order looked up anew (two index seeks each). */
const ADD_NEW = `insert into report_customers (email, first_at, second_at)
  select email, first_at, second_at from (
    select e.email,
      (select min(o.created_at) from orders o indexed by orders_email
       where o.email = e.email and o.cancelled_at is null) as first_at,
      (select o.created_at from orders o indexed by orders_email
       where o.email = e.email and o.cancelled_at is null order by o.created_at limit 1 offset 1) as second_at
    from (select distinct email from orders where id > @id and email is not null) e)
  where first_at is not null
  on conflict (email) do update set first_at = excluded.first_at, second_at = excluded.second_at`;

/**
 * Brings report_customers up to date with the orders. Nothing to do when no import ran since it
 * was built; when the imports since then only added orders (none changed), only the customers of
 * the added orders are looked up again; otherwise (a changed or voided order) it is rebuilt in
 * one pass over orders_email.
 */
export function refreshCustomers(db: Db): 'fresh' | 'added' | 'rebuilt' {
  const stamp = (stmt(db, `select coalesce(max(id), 0) as s from imports`).get() as { s: number }).s;
  const built = cached(db, 'customers');
  if (built === stamp) return 'fresh';
  const lastOrder = cached(db, 'customers_last_order');
  const maxOrder = (stmt(db, `select coalesce(max(id), 0) as m from orders`).get() as { m: number }).m;
  const changed =
    built === undefined || lastOrder === undefined
      ? 1
      : (stmt(db, `select count(*) as n from imports where id > ? and changed > 0`).get(built) as { n: number }).n;
  const save = stmt(db, `insert into report_cache (name, stamp) values (@name, @stamp) on conflict (name) do update set stamp = @stamp`);
  db.transaction(() => {
    if (changed > 0) {
      stmt(db, `delete from report_customers`).run();
      stmt(db, REBUILD).run();
    } else stmt(db, ADD_NEW).run({ id: lastOrder });
    save.run({ name: 'customers', stamp });
    save.run({ name: 'customers_last_order', stamp: maxOrder });
  })();
  return changed > 0 ? 'rebuilt' : 'added';
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
