import { describe, expect, test } from 'vitest';
import { plainText } from '../src/core/lib/text.js';

describe('plainText: what a shopper reads in an HTML description', () => {
  test('every named and numeric entity is decoded', () => {
    expect(plainText('Caf&eacute; &rsquo; &mdash; &hellip; a&nbsp;b &#233; &#x2014;')).toBe('Café ’ — … a b é —');
    expect(plainText('<p>Cr&egrave;me &amp; &Eacute;clair &ndash; 2&times;&frac12; &euro;9</p>')).toBe('Crème & Éclair – 2×½ €9');
  });

  test('the entities it always decoded still decode as before', () => {
    expect(plainText('&lt;b&gt; &amp; &quot;q&quot; it&apos;s it&#39;s a&nbsp;&nbsp;b')).toBe('<b> & "q" it\'s it\'s a b');
  });

  test('a name in the wrong case still decodes as it always did; one pass, so an escaped entity stays an entity', () => {
    expect(plainText('a&NBSP;b &Amp; &QUOT;q&QUOT; &EACUTE; &Eacute;')).toBe('a b & "q" &EACUTE; É');
    expect(plainText('&amp;lt;p&amp;gt; &amp;NBSP;')).toBe('&lt;p&gt; &NBSP;');
  });

  test('entities are decoded after the tags are removed: an escaped tag stays text', () => {
    expect(plainText('<p>Use &lt;br&gt; for a line</p><p>Two</p>')).toBe('Use <br> for a line\nTwo');
  });

  test('without its semicolon a name is not an entity: bare ampersands stay as written', () => {
    expect(plainText('R&D &copy 2026, fish&chips, &notanentity; &#233')).toBe('R&D &copy 2026, fish&chips, &notanentity; &#233');
  });

  test('a numeric reference out of range is the replacement character, not a crash', () => {
    expect(plainText('a &#99999999; b &#0; c')).toBe('a \ufffd b \ufffd c');
  });
});
