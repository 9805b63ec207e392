import { describe, expect, it } from 'vitest';
import { MAX_PASTE_BYTES, formatTsv, parseTsv } from './tsv';

const grid = (text: string) => {
  const read = parseTsv(text);
  if ('problem' in read) throw new Error(read.problem.message);
  return read.grid;
};

describe('parseTsv', () => {
  it('splits cells by tabs and rows by LF, CRLF or CR', () => {
    expect(grid('a\tb\nc\td')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(grid('a\tb\r\nc\td\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(grid('a\rb')).toEqual([['a'], ['b']]);
  });

  it('reads quoted cells with tabs, line breaks and doubled quotes', () => {
    expect(grid('"one\ttwo"\t"line 1\r\nline 2"\t"say ""hi"""\r\nx\ty\tz\r\n')).toEqual([
      ['one\ttwo', 'line 1\r\nline 2', 'say "hi"'],
      ['x', 'y', 'z'],
    ]);
  });

  it('keeps a quote inside a plain cell as text', () => {
    expect(grid('5" screen\tit\'s')).toEqual([['5" screen', "it's"]]);
  });

  it('keeps empty cells inside the data and drops columns empty in every row', () => {
    expect(grid('a\t\tc\t\t\nd\te\t\t\t\n')).toEqual([
      ['a', '', 'c'],
      ['d', 'e', ''],
    ]);
    expect(grid('\tb\n\tc\t\n')).toEqual([
      ['', 'b'],
      ['', 'c'],
    ]);
  });

  it('keeps ragged rows as they are', () => {
    expect(grid('a\tb\tc\nd\ne\tf')).toEqual([['a', 'b', 'c'], ['d'], ['e', 'f']]);
  });

  it('reads text with no tab as one column', () => {
    expect(grid('Orders\nPayments\nShipping\n')).toEqual([['Orders'], ['Payments'], ['Shipping']]);
  });

  it('keeps blank rows between data, not after it', () => {
    expect(grid('a\n\nb\n\n\n')).toEqual([['a'], [''], ['b']]);
  });

  it('reports text that cannot be a table', () => {
    const unclosed = parseTsv('a\tb\n"never closed\tc\n');
    expect(unclosed).toEqual({ problem: { kind: 'notTabular', message: 'Row 2: a quoted cell is never closed.' } });
    expect(parseTsv('  \n ')).toMatchObject({ problem: { kind: 'notTabular' } });
    expect(parseTsv('PK\u0003\u0004binary')).toMatchObject({ problem: { kind: 'notTabular' } });
  });

  it('refuses more than 10 MB without reading it', () => {
    const big = 'x'.repeat(MAX_PASTE_BYTES + 1);
    expect(parseTsv(big)).toMatchObject({ problem: { kind: 'tooLarge' } });
    // Multi-byte text counts in bytes, not characters.
    const wide = 'é'.repeat(MAX_PASTE_BYTES / 2 + 1);
    expect(parseTsv(wide)).toMatchObject({ problem: { kind: 'tooLarge' } });
    expect('grid' in parseTsv('x'.repeat(MAX_PASTE_BYTES - 10))).toBe(true);
  });
});

describe('formatTsv', () => {
  it('joins cells with tabs and rows with line breaks', () => {
    expect(
      formatTsv([
        ['Name', 'Domain'],
        ['orders', 'sales'],
      ]),
    ).toBe('Name\tDomain\norders\tsales');
  });

  it('quotes cells holding tabs, line breaks or a leading quote, and reads back the same', () => {
    const rows = [['a\tb', 'two\nlines', '"quoted" start', 'plain "inner"', '']];
    const text = formatTsv(rows);
    expect(text).toBe('"a\tb"\t"two\nlines"\t"""quoted"" start"\tplain "inner"\t');
    expect(grid(`${text}\tx`)).toEqual([[...rows[0]!, 'x']]);
  });
});
