/**
 * `COPY (query) TO STDOUT (FORMAT binary)` over a node-postgres client. node-postgres decodes every
 * DataRow field as UTF-8 text, so bytea arrives as hex (twice the bytes, then decoded); COPY data
 * messages arrive as raw bytes instead, which is what columnar chunks want.
 *
 * The object below is a node-postgres "submittable" (the protocol pg-copy-streams uses).
 */

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');
const HEADER_FIXED_BYTES = SIGNATURE.length + 8;

interface PgConnection {
  query(text: string): void;
  sendCopyFail?(message: string): void;
}

export interface PgSubmitClient {
  query(submittable: object): unknown;
  escapeLiteral(value: string): string;
}

export class CopyFormatError extends Error {
  override name = 'CopyFormatError';
}

/** Incremental parser of the binary COPY format: complete tuples become arrays of field views. */
export class BinaryCopyParser {
  readonly rows: Array<Array<Buffer | null>> = [];
  private pending: Buffer | null = null;
  private headerSeen = false;
  private ended = false;

  /** `bytes` must not be reused by the caller afterwards (views into it are kept). */
  push(bytes: Buffer): void {
    let buffer = this.pending ? Buffer.concat([this.pending, bytes]) : bytes;
    let offset = 0;
    if (!this.headerSeen) {
      if (buffer.length < HEADER_FIXED_BYTES) return void (this.pending = buffer);
      if (!buffer.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new CopyFormatError('not a binary COPY stream');
      const extensionBytes = buffer.readInt32BE(SIGNATURE.length + 4);
      if (buffer.length < HEADER_FIXED_BYTES + extensionBytes) return void (this.pending = buffer);
      offset = HEADER_FIXED_BYTES + extensionBytes;
      this.headerSeen = true;
    }
    while (!this.ended && offset + 2 <= buffer.length) {
      const fieldCount = buffer.readInt16BE(offset);
      if (fieldCount === -1) {
        this.ended = true;
        offset += 2;
        break;
      }
      const fields: Array<Buffer | null> = [];
      let cursor = offset + 2;
      let complete = true;
      for (let f = 0; f < fieldCount; f++) {
        if (cursor + 4 > buffer.length) {
          complete = false;
          break;
        }
        const length = buffer.readInt32BE(cursor);
        cursor += 4;
        if (length === -1) {
          fields.push(null);
          continue;
        }
        if (cursor + length > buffer.length) {
          complete = false;
          break;
        }
        fields.push(buffer.subarray(cursor, cursor + length));
        cursor += length;
      }
      if (!complete) break;
      this.rows.push(fields);
      offset = cursor;
    }
    buffer = buffer.subarray(offset);
    this.pending = buffer.length > 0 ? buffer : null;
  }

  finish(): Array<Array<Buffer | null>> {
    if (!this.ended || this.pending !== null) throw new CopyFormatError('truncated binary COPY stream');
    return this.rows;
  }
}

/** Runs `COPY (<select>) TO STDOUT (FORMAT binary)`; the select must have its values inlined (COPY takes no parameters). */
export function copyOutBinary(client: PgSubmitClient, select: string): Promise<Array<Array<Buffer | null>>> {
  return new Promise((resolve, reject) => {
    const parser = new BinaryCopyParser();
    let failure: unknown = null;
    client.query({
      submit(connection: PgConnection) {
        connection.query(`COPY (${select}) TO STDOUT (FORMAT binary)`);
      },
      handleCopyData(message: { chunk: Buffer }) {
        if (failure) return;
        try {
          // The chunk is a view into pg's receive buffer, which is reused: take a copy.
          parser.push(Buffer.from(message.chunk));
        } catch (error) {
          failure = error;
        }
      },
      // Like pg's own Query: settle on the error; pg still consumes the ReadyForQuery that follows.
      handleError(error: unknown) {
        failure ??= error;
        reject(error instanceof Error ? error : new Error(String(error)));
      },
      handleReadyForQuery() {
        if (failure) return reject(failure instanceof Error ? failure : new Error(String(failure)));
        try {
          resolve(parser.finish());
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      },
      handleCommandComplete() {},
      handleEmptyQuery() {},
      handleRowDescription() {},
      handleDataRow() {},
      handleCopyInResponse(connection: PgConnection) {
        connection.sendCopyFail?.('unexpected COPY FROM');
      },
      handlePortalSuspended() {},
    });
  });
}
