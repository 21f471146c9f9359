import type { Db } from '../db/open.js';
import { fingerprint, sameFingerprint } from '../lib/hash.js';
import { detached } from '../lib/text.js';
import type { Statement } from 'better-sqlite3';
import { matchCampaign, mergeCampaigns } from './campaign-match.js';
import { InsertBuffer } from './insert-buffer.js';
import { SAMPLE, SPECS, type Spec, type Value } from './store-specs.js';
import type { ImportRecord, Kind } from '../formats/records.js';

const OUTCOMES = ['new', 'changed', 'unchanged'] as const;
export type Outcome = (typeof OUTCOMES)[number];

interface Queries {
  spec: Spec<Kind>;
  names: string[];
  hash: Statement;
  existing: Statement;
  insert: Statement;
  update: Statement;
  cells: Statement;
  /** Record hashes written (insert or replace), batched into a first import's empty tables. */
  hashes: InsertBuffer;
  /** The child rows, batched the same way, and the statement that drops a record's old ones. */
  childRows?: InsertBuffer;
  deleteChildren?: Statement;
  saveCells: Statement;
  /** Nothing of this kind and platform was stored when the file began. */
  empty: boolean;
}

/**
 * Writes records into the store history. A record whose content this file layout already wrote is
 * skipped after one primary-key lookup; a changed one updates its row, keeping values that this
 * file leaves empty (another layout may have filled them: Etsy orders + order items).
 */
export class RecordWriter {
  constructor(
    private readonly db: Db,
    private readonly platform: string,
    private readonly layout: string,
    private readonly importId: () => number,
    /** A note about the store after the file (a campaign left apart). */
    private readonly note: (message: string) => void = () => {},
  ) {}

  /** What this file did to the store, each key counted once. */
  readonly counts: Record<Outcome, number> = { new: 0, changed: 0, unchanged: 0 };
  /** Records that repeated the key of an earlier one in the file. */
  repeats = 0;
  /**
   * The keys of this file so far: what counts for each and whether its row was written (a small
   * number each: a million-row file has half a million keys), and the hash stored before this
   * import for written keys that had one.
   */
  private readonly keys = new Map<string, number>();
  private readonly before = new Map<string, string>();

  private mark(key: string, outcome: Outcome, written: boolean, before?: string): void {
    // Kept for the whole file: detached from the text it was read from.
    const k = detached(key);
    this.keys.set(k, OUTCOMES.indexOf(outcome) * 2 + (written ? 1 : 0));
    if (written && before !== undefined) this.before.set(k, before);
  }

  /**
   * Writes one record of the file (or finds it unchanged). A key the file gave before (an order
   * whose rows are apart, yielded again complete; a repeated row) counts once: the last record
   * wins, and its outcome is decided against what was stored before this import, so the same file
   * read again row by row is all unchanged. `cells`: the fingerprint of the cells the record was
   * read from (see sameCells), kept beside its hash.
   */
  write(r: ImportRecord, cells?: string): void {
    // The line is where the record sits in this week's file, not what it says: it stays out.
    const { line: _line, ...content } = r as ImportRecord & { line: number };
    // Adapters build records in a fixed property order, so plain JSON is a stable fingerprint.
    const json = JSON.stringify(content);
    const hash = fingerprint(json);
    const q = this.queries(r.kind);
    const code = this.keys.get(r.key);
    if (code !== undefined) {
      this.flush(); // what follows reads and replaces rows this file wrote
      this.repeats++;
      const seen = { outcome: OUTCOMES[code >> 1]!, written: (code & 1) === 1 };
      const before = seen.written ? this.before.get(r.key) : this.storedHash(q, r);
      const outcome = seen.outcome === 'new' ? 'new' : sameFingerprint(before, json, hash) ? 'unchanged' : 'changed';
      // Neither the first record nor this one differ from the store: nothing to write.
      if (!seen.written && outcome === 'unchanged') return;
      this.store(q, r, this.existing(q, r));
      // No cells: this record is not the cells of one run of rows; the next import reads it again.
      q.hashes.add([r.kind, this.platform, r.key, this.layout, hash, null]);
      this.counts[seen.outcome]--;
      this.counts[outcome]++;
      this.mark(r.key, outcome, true, before);
      return;
    }
    // Into an empty table, a key's first occurrence in the file can have no row and no hash yet.
    const before = q.empty ? undefined : this.storedHash(q, r);
    if (sameFingerprint(before, json, hash)) {
      // Read from other cells to the same record (a re-exported file): those cells are known now too.
      if (cells !== undefined) q.saveCells.run(cells, r.kind, this.platform, r.key, this.layout);
      this.counted(r.key, 'unchanged');
      return;
    }
    const existing = q.empty ? undefined : this.existing(q, r);
    this.store(q, r, existing);
    q.hashes.add([r.kind, this.platform, r.key, this.layout, hash, cells ?? null]);
    const outcome = existing === undefined ? 'new' : 'changed';
    this.counts[outcome]++;
    this.mark(r.key, outcome, true, before);
  }

  /**
   * Whether this layout last stored the record with this key from cells with this fingerprint:
   * then reading them again would give the same record, so it is counted unchanged here. A key
   * this file already gave is never skipped this way (its records are compared as they come).
   */
  sameCells(kind: Kind, key: string, cells: string): boolean {
    const q = this.queries(kind);
    if (q.empty || this.keys.has(key) || q.cells.get(kind, this.platform, key, this.layout) !== cells) return false;
    this.counted(key, 'unchanged');
    return true;
  }

  private counted(key: string, outcome: Outcome): void {
    this.counts[outcome]++;
    this.mark(key, outcome, false);
  }

  private storedHash(q: Queries, r: ImportRecord): string | undefined {
    return q.hash.get(r.kind, this.platform, r.key, this.layout) as string | undefined;
  }

  /** The row of the record's key; for a Mailchimp report without a campaign id, its campaign's row (campaign-match.ts). */
  private existing(q: Queries, r: ImportRecord): number | undefined {
    const id = q.existing.get(this.platform, r.key) as number | undefined;
    return id ?? (r.kind === 'email_campaigns' ? matchCampaign(this.db, this.platform, r) : undefined);
  }

  /** Inserts the row, or updates it keeping values this file leaves empty; then its child rows. */
  private store(q: Queries, r: ImportRecord, existing: number | undefined): void {
    const cols = q.spec.columns(r as never);
    let id: number;
    if (existing === undefined) {
      const values: Value[] = [this.platform, r.key, this.importId()];
      for (const n of q.names) values.push(cols[n] ?? null);
      id = Number(q.insert.run(values).lastInsertRowid);
    } else {
      // A flag per column marks "given": an undefined value keeps the stored one.
      q.update.run(this.importId(), ...q.names.flatMap((n) => [cols[n] === undefined ? 0 : 1, cols[n] ?? null]), existing);
      id = existing;
    }
    const children = q.spec.children?.rows(r as never);
    if (children) {
      if (existing !== undefined) q.deleteChildren!.run(id);
      for (const row of children) q.childRows!.add(row, id);
    }
  }

  /** Writes the rows waiting in the insert buffers. */
  private flush(): void {
    for (const q of this.prepared.values()) {
      q.hashes.flush();
      q.childRows?.flush();
    }
  }

  /**
   * Call after the last record. Indexes left out while filling empty tables are built again here
   * (an error before rolls the transaction back, and them with it).
   */
  finish(): void {
    this.flush();
    // Index builds sort their keys: SQLite's sorter may use a second thread for it.
    if (this.deferred.length > 0) this.db.pragma('threads = 2');
    for (const sql of this.deferred) this.db.exec(sql);
    this.deferred = [];
    if (this.prepared.has('email_campaigns')) {
      const { merged, notes } = mergeCampaigns(this.db, this.platform, this.importId());
      // A campaign new under its id but merged with the row its report made earlier: a change.
      for (const key of merged) if (this.keys.get(key) !== undefined && this.keys.get(key)! >> 1 === 0) this.recount(key, 'changed');
      notes.forEach(this.note);
    }
  }

  private recount(key: string, outcome: Outcome): void {
    const code = this.keys.get(key)!;
    this.counts[OUTCOMES[code >> 1]!]--;
    this.counts[outcome]++;
    this.keys.set(key, OUTCOMES.indexOf(outcome) * 2 + (code & 1));
  }

  private deferred: string[] = [];

  /**
   * Into a table with no row at all, the secondary indexes (emails, times) are built once at
   * the end, from sorted keys, instead of row by row: a quarter of the SQLite time of a first import.
   */
  private deferIndexes(spec: Spec<Kind>): void {
    if (this.db.prepare(`select 1 from ${spec.table} limit 1`).get() !== undefined) return;
    const tables = [spec.table, spec.childTable ?? spec.table];
    const indexes = this.db
      .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (?, ?)`)
      .all(...tables) as { name: string; sql: string }[];
    for (const i of indexes) {
      this.db.exec(`drop index "${i.name}"`);
      this.deferred.push(i.sql);
    }
  }

  private readonly prepared = new Map<Kind, Queries>();

  private queries(kind: Kind): Queries {
    let q = this.prepared.get(kind);
    if (!q) {
      const spec = SPECS[kind] as Spec<Kind>;
      const names = Object.keys(spec.columns(SAMPLE[kind] as never));
      const t = spec.table;
      const empty =
        this.db.prepare('select 1 from record_hashes where kind = ? and platform = ? limit 1').get(kind, this.platform) === undefined &&
        this.db.prepare(`select 1 from ${t} where platform = ? limit 1`).get(this.platform) === undefined;
      const batch = empty ? InsertBuffer.BATCH : 1;
      const c = spec.children;
      q = {
        spec,
        names,
        hash: this.db.prepare('select hash from record_hashes where kind = ? and platform = ? and key = ? and layout = ?').pluck(),
        existing: this.db.prepare(`select id from ${t} where platform = ? and key = ?`).pluck(),
        insert: this.db.prepare(`insert into ${t} (platform, key, import_id, ${names.join(', ')}) values (?, ?, ?, ${names.map(() => '?').join(', ')})`),
        update: this.db.prepare(`update ${t} set import_id = ?, ${names.map((n) => `${n} = case when ? then ? else ${n} end`).join(', ')} where id = ?`),
        cells: this.db.prepare('select cells from record_hashes where kind = ? and platform = ? and key = ? and layout = ?').pluck(),
        hashes: new InsertBuffer(this.db, 'insert or replace into record_hashes (kind, platform, key, layout, hash, cells)', 6, batch),
        saveCells: this.db.prepare('update record_hashes set cells = ? where kind = ? and platform = ? and key = ? and layout = ?'),
        empty,
      };
      if (c) {
        q.childRows = new InsertBuffer(this.db, `insert into ${spec.childTable} (${c.parent}, ${c.columns.join(', ')})`, c.columns.length + 1, batch);
        q.deleteChildren = this.db.prepare(`delete from ${spec.childTable} where ${c.parent} = ?`);
      }
      if (empty) this.deferIndexes(spec);
      this.prepared.set(kind, q);
    }
    return q;
  }
}
