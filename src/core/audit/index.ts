/** `shopflow audit`: the claims guard run over the copy already on the store. */
export { audit, type AuditClaim, type AuditProduct, type AuditResult } from './audit.js';
