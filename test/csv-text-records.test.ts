// The records of report downloads (csv/text-records.ts, through report-files.ts) and the splice's
// span mode (csv/spans.ts, through splice.ts): the places where they decide more than the
// csv-parse comparison in csv-tokenizer.test.ts reaches (comment lines, a broken record and what
// follows it, inch marks, text after a closing quote).
import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, tokenize } from '../src/core/csv/splice.js';
import { cellsOf, textRecords } from '../src/core/formats/report-files.js';
import { ValueError } from '../src/core/formats/values.js';

const shape = (text: string, comments = false) => textRecords(text, comments).map((r) => [r.line, r.raw, r.cells ?? r.broken ?? 'comment']);

describe('report records', () => {
  it('keeps blank lines as records, drops trailing ones, and numbers records by their first line', () => {
    expect(shape('\uFEFFa,b\r\n\r\n"x\r\ny",z\r\n\r\nc\r\n\r\n \r\n')).toEqual([
      [1, 'a,b', ['a', 'b']],
      [2, '', ['']],
      [3, '"x\r\ny",z', ['x\r\ny', 'z']],
      [5, '', ['']],
      [6, 'c', ['c']],
    ]);
  });

  it('with comments, reads a # line as written whatever its quotes, only where a record starts', () => {
    const text = '# "Start date: 20260101\n#x"\nDate,Sessions\n"#1\n# not a comment",3\n';
    expect(shape(text, true)).toEqual([
      [1, '# "Start date: 20260101', 'comment'],
      [2, '#x"', 'comment'],
      [3, 'Date,Sessions', ['Date', 'Sessions']],
      [4, '"#1\n# not a comment",3', ['#1\n# not a comment', '3']],
    ]);
    expect(shape('#a,b\n')).toEqual([[1, '#a,b', ['#a', 'b']]]);
  });

  it('reads inch marks as characters', () => {
    expect(shape('Name,Size\nruler,12" long\npin,1"\n')).toEqual([
      [1, 'Name,Size', ['Name', 'Size']],
      [2, 'ruler,12" long', ['ruler', '12" long']],
      [3, 'pin,1"', ['pin', '1"']],
    ]);
  });

  it('a record with text after a closing quote runs to the end of that line, and reading goes on after it', () => {
    expect(shape('a,"b\nc"x,d\ne,f\n')).toEqual([
      [1, 'a,"b\nc"x,d', 'closing-quote'],
      [3, 'e,f', ['e', 'f']],
    ]);
    expect(() => cellsOf('a,"b\nc"x,d')).toThrow(ValueError);
    expect(() => cellsOf('a,"b\nc"x,d')).toThrow('the quotes on this line do not match up');
  });

  it('a quoted cell never closed makes the rest of the text one broken record', () => {
    expect(shape('a,b\nc,"d\ne,f\n')).toEqual([
      [1, 'a,b', ['a', 'b']],
      [2, 'c,"d\ne,f\n', 'quote-not-closed'],
    ]);
    expect(() => cellsOf('c,"d\ne,f\n')).toThrow('the quotes on this line do not match up');
  });

  it('cellsOf reads one record', () => {
    expect(cellsOf('a,"b ""c""",12" x')).toEqual(['a', 'b "c"', '12" x']);
    expect(cellsOf('')).toEqual([]);
  });
});

describe('splice spans', () => {
  it('span an inch-mark cell as written and a quoted cell with its quotes', () => {
    const text = 'a,12" x,"q ""r"""\r\n';
    const [rec] = tokenize(text, ',');
    expect(rec!.cells.map((c) => [text.slice(c.start, c.end), c.value, c.quoted])).toEqual([
      ['a', 'a', false],
      ['12" x', '12" x', false],
      ['"q ""r"""', 'q "r"', true],
    ]);
    expect([rec!.end, rec!.eol]).toEqual([text.length - 2, '\r\n']);
  });

  it('refuse text after a closing quote, as the whole-file reader does, naming its line and cell', () => {
    let err: unknown;
    try {
      tokenize('h1,h2\nx,"a\nb"c\n', ',');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CsvSyntaxError);
    expect(err).toMatchObject({ line: 3, field: 1, syntax: 'closing-quote' });
    expect((err as Error).message).toBe('this quoted cell has text after its closing quote; inside a quoted cell, each quote (") must be doubled ("")');
  });

  it('end a record at a lone CR, as the whole-file reader does', () => {
    expect(tokenize('a\rb\r\nc', ',').map((r) => [r.line, r.cells[0]!.value, r.eol])).toEqual([[1, 'a', '\r'], [2, 'b', '\r\n'], [3, 'c', '']]);
  });
});
