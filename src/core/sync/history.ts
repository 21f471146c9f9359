import type { Db } from '../db/open.js';

export interface ImportLogEntry {
  id: number;
  at: string;
  file: string;
  fileHash: string;
  kind: string;
  platform: string;
  layout: string;
  new: number;
  changed: number;
  unchanged: number;
  problems: number;
  warnings: number;
}

/** Every import, newest first. */
export function syncHistory(db: Db, limit = 50): ImportLogEntry[] {
  return db
    .prepare(
      `select id, at, file, file_hash as fileHash, kind, platform, layout, new, changed, unchanged, problems, warnings
       from imports order by id desc limit ?`,
    )
    .all(limit) as ImportLogEntry[];
}
