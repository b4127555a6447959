import fc from 'fast-check';
import { detectDelimiter, readCsvRecords } from './csv-tokenizer';

describe('readCsvRecords', () => {
  it('splits plain lines and numbers records by starting line', () => {
    expect(readCsvRecords('a,b,c\n1,2,3\n')).toEqual([
      { line: 1, fields: ['a', 'b', 'c'] },
      { line: 2, fields: ['1', '2', '3'] },
    ]);
  });

  it('handles CRLF, lone CR, a missing final newline and blank lines', () => {
    expect(readCsvRecords('a,b\r\n1,2\r\n\r\n3,4\r5,6')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
      { line: 3, fields: [''] },
      { line: 4, fields: ['3', '4'] },
      { line: 5, fields: ['5', '6'] },
    ]);
  });

  it('unquotes fields, keeps delimiters and escaped quotes inside them', () => {
    expect(readCsvRecords('"2023- 09- 08","35,180,000.0","say ""hi"""\n')).toEqual([
      { line: 1, fields: ['2023- 09- 08', '35,180,000.0', 'say "hi"'] },
    ]);
  });

  it('treats blanks before an opening quote as outside the field', () => {
    expect(readCsvRecords('a, "1,234.5" ,b\n')[0].fields).toEqual(['a', '1,234.5', 'b']);
  });

  it('counts lines inside multi-line quoted fields', () => {
    const records = readCsvRecords('h1,h2\n"multi\nline",x\r\nnext,y\n');
    expect(records.map((r) => r.line)).toEqual([1, 2, 4]);
    expect(records[1].fields).toEqual(['multi\nline', 'x']);
  });

  it('keeps a trailing empty field', () => {
    expect(readCsvRecords('a,b,\n1,2,')[1].fields).toEqual(['1', '2', '']);
  });

  it('round-trips arbitrary quoted cells', () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '1', ',', '"', '\n', '\r\n', ' ', '.', '원') });
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 5 }),
        (rows) => {
          const text = rows.map((row) => row.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n');
          expect(readCsvRecords(text, ',').map((r) => r.fields)).toEqual(rows);
        },
      ),
    );
  });
});

describe('detectDelimiter', () => {
  it.each([
    ['Date,Open,High\n', ','],
    ['Date;Open;High\n', ';'],
    ['Date\tOpen\tHigh\n', '\t'],
    ['"a;b",c,d\n', ','],
    ['Date;"1,5";"2,5"\n', ';'],
  ])('%j → %j', (text, expected) => expect(detectDelimiter(text)).toBe(expected));
});
