import { resolve } from 'node:path';
import type { StoreLocation } from '../config/config.js';
import type { ProductPlatform } from '../formats/types.js';
import { warningText } from '../errors.js';
import { readProducts } from '../formats/read-products.js';
import { auditClaims, guardContext, isFlagged } from '../claims/guard.js';
import type { Verdict } from '../claims/match.js';
import type { SourceCell } from '../claims/sources.js';

export interface AuditClaim {
  field: string;
  text: string;
  verdict: Verdict;
  sentence: string;
  source?: SourceCell;
  conflict?: SourceCell;
}

export interface AuditProduct {
  handle: string;
  title: string;
  line: number;
  /** Unsupported and contradicted claims. */
  flagged: number;
  claims: AuditClaim[];
}

export interface AuditResult {
  file: string;
  platform: ProductPlatform;
  layout: string;
  products: number;
  /** Products with at least one unsupported or contradicted claim. */
  risky: number;
  claims: number;
  flagged: number;
  items: AuditProduct[];
  warnings: string[];
}

/**
 * The claims guard on the copy already on the store: each product's description, checked against
 * the same product's structured fields (title, options, tags, type, weight, metafields, policies).
 */
export function audit(input: { file: string; platform?: ProductPlatform | undefined }, deps: { cwd: string; store: StoreLocation }): AuditResult {
  const file = readProducts(resolve(deps.cwd, input.file), { platform: input.platform }, input.file);
  const guard = guardContext(deps.store.config, deps.store.dir);
  const items = file.products.map((p): AuditProduct => {
    const claims = auditClaims(p, guard).map(({ kind: _kind, ...c }) => c);
    return { handle: p.handle, title: p.title, line: p.source.line, flagged: claims.filter(isFlagged).length, claims };
  });
  return {
    file: input.file,
    platform: file.platform,
    layout: file.layout,
    products: items.length,
    risky: items.filter((i) => i.flagged > 0).length,
    claims: items.reduce((n, i) => n + i.claims.length, 0),
    flagged: items.reduce((n, i) => n + i.flagged, 0),
    items,
    warnings: file.warnings.map(warningText),
  };
}
