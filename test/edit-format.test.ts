import { describe, expect, test } from 'vitest';
import { editedFields, formatEdit, parseEdit } from '../src/core/review/edit-format.js';

describe('the text an owner edits for a review item', () => {
  test('one field: its text as is, ending in a newline; .html for an HTML field', () => {
    expect(formatEdit({ body_html: '<p>A mug.</p>' })).toEqual({ text: '<p>A mug.</p>\n', ext: '.html' });
    expect(formatEdit({ title: 'Speckled Mug\n' })).toEqual({ text: 'Speckled Mug\n', ext: '.txt' });
  });

  test('several fields: each under its "=== name ===" line, a blank line between', () => {
    expect(formatEdit({ title: 'Mug', description: 'Holds 350 ml.\n\nStoneware.' })).toEqual({
      text: '=== title ===\nMug\n\n=== description ===\nHolds 350 ml.\n\nStoneware.\n',
      ext: '.txt',
    });
  });

  test('one field back: the saved text without the trailing newlines an editor adds', () => {
    expect(parseEdit('<p>A big mug.</p>\n\n\n', ['body_html'])).toEqual({ body_html: '<p>A big mug.</p>' });
    expect(parseEdit('=== not a marker here ===\n', ['title'])).toEqual({ title: '=== not a marker here ===' });
  });

  test('several fields back: what formatEdit wrote reads back the same, blank lines inside a field kept', () => {
    const fields = { title: 'Mug', description: 'Holds 350 ml.\n\nStoneware.' };
    expect(parseEdit(formatEdit(fields).text, Object.keys(fields))).toEqual(fields);
    const saved = '=== title ===\nBig mug\n\n=== description ===\nHolds 350 ml.\n\nGlazed stoneware.\n\n';
    expect(parseEdit(saved, ['title', 'description'])).toEqual({ title: 'Big mug', description: 'Holds 350 ml.\n\nGlazed stoneware.' });
  });

  test('text before the first marker is dropped; a field whose marker was deleted is left out', () => {
    expect(parseEdit('notes to self\n=== description ===\nNew text\n', ['title', 'description'])).toEqual({ description: 'New text' });
  });

  test('an editor that saves CRLF (or leaves spaces after a marker) loses nothing', () => {
    const saved = '=== title ===  \r\nBig mug\r\n\r\n=== description ===\r\nHolds 350 ml.\r\n\r\nGlazed.\r\n';
    expect(parseEdit(saved, ['title', 'description'])).toEqual({ title: 'Big mug', description: 'Holds 350 ml.\n\nGlazed.' });
    expect(parseEdit('<p>A mug.</p>\r\n<p>Big.</p>\r\n', ['body_html'])).toEqual({ body_html: '<p>A mug.</p>\n<p>Big.</p>' });
  });

  test('a field stored with CRLF and saved untouched is not an edit; a changed one is', () => {
    const original = { title: 'Mug', body_html: '<p>a</p>\r\n<p>b</p>' };
    const saved = parseEdit(formatEdit(original).text, Object.keys(original));
    expect(editedFields(saved, original)).toEqual({});
    expect(editedFields({ ...saved, title: 'Big mug' }, original)).toEqual({ title: 'Big mug' });
  });
});
