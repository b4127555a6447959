import { BinaryCopyParser, CopyFormatError } from './pg-binary-copy';

function copyStream(rows: Array<Array<Buffer | null>>): Buffer {
  const parts: Buffer[] = [Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)];
  for (const row of rows) {
    const count = Buffer.alloc(2);
    count.writeInt16BE(row.length);
    parts.push(count);
    for (const field of row) {
      const length = Buffer.alloc(4);
      length.writeInt32BE(field === null ? -1 : field.length);
      parts.push(length);
      if (field) parts.push(field);
    }
  }
  parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

describe('BinaryCopyParser', () => {
  const rows = [
    [Buffer.from([1, 2, 3]), null, Buffer.alloc(0)],
    [Buffer.from('hello'), Buffer.from([9]), Buffer.from([7, 7])],
  ];

  it('parses tuples from one message', () => {
    const parser = new BinaryCopyParser();
    parser.push(copyStream(rows));
    expect(parser.finish()).toEqual(rows);
  });

  it('parses tuples split across messages at every possible byte', () => {
    const stream = copyStream(rows);
    for (let cut = 1; cut < stream.length; cut++) {
      const parser = new BinaryCopyParser();
      parser.push(Buffer.from(stream.subarray(0, cut)));
      parser.push(Buffer.from(stream.subarray(cut)));
      expect(parser.finish()).toEqual(rows);
    }
  });

  it('rejects a stream that is not binary COPY, or is truncated', () => {
    expect(() => new BinaryCopyParser().push(Buffer.from('id,name\n1,alpha\n2,beta\n3,gamma\n'))).toThrow(CopyFormatError);
    const parser = new BinaryCopyParser();
    parser.push(copyStream(rows).subarray(0, 30));
    expect(() => parser.finish()).toThrow(CopyFormatError);
  });
});
