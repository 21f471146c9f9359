/** The object without its undefined properties (records carry only what the file said; JSON and deep equality stay clean). */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
