import { DecodingMode, decodeHTML } from 'entities/decode';

const ENTITY = /&(?:#\d+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);/g;

/** The six names this function decoded in any case before it decoded them all (`&NBSP;`, `&Amp;`). */
const ANY_CASE: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&apos;': "'", '&nbsp;': '\u00a0' };

/** One reference decoded as HTML does (names are case-sensitive), but for the six above. */
function decodeEntity(ref: string): string {
  const exact = decodeHTML(ref, DecodingMode.Strict);
  return exact !== ref ? exact : (ANY_CASE[ref.toLowerCase()] ?? ref);
}

/**
 * The text a shopper reads in an HTML description: tags removed, entities decoded, spaces collapsed.
 * Every named entity is decoded (&eacute; &rsquo; &mdash; …), but only with its semicolon: "R&D&copy"
 * and other bare ampersands stay as written, as they always have. One pass, so "&amp;lt;" is "&lt;".
 */
export function plainText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return (text.includes('&') ? text.replace(ENTITY, decodeEntity) : text)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

/** Escapes text for use as a literal inside a regular expression. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Escapes text for HTML element content and double- or single-quoted attributes (plainText's inverse). */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A copy of `s` that keeps nothing of the text it was cut from. V8 keeps a substring of 13 or more
 * characters as a view into its parent string: a cell kept for a whole import (a key) would keep its
 * whole 64 KiB chunk of the file alive, and with one key per chunk, all of the file.
 */
export function detached(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
