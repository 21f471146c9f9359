import { DecodingMode, decodeHTML } from 'entities/decode';

/**
 * The text a shopper reads in an HTML description: tags removed, entities decoded, spaces collapsed.
 * Every named entity is decoded (&eacute; &rsquo; &mdash; …), but only with its semicolon: the strict
 * mode keeps "R&D&copy" and other bare ampersands as written, as this function always has.
 */
export function plainText(html: string): string {
  const text = html
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>|<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, ' ');
  return decodeHTML(text, DecodingMode.Strict)
    .replace(/[ \t\u00a0]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim();
}

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
