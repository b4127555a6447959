const utf8Strict = new TextDecoder('utf-8', { fatal: true });

function tryDecoder(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Turns uploaded bytes into text: honours UTF-8 / UTF-16 byte-order marks, and falls back to EUC-KR
 * (CP949), which Korean spreadsheet software still writes, when the bytes are not valid UTF-8.
 * A leading BOM is always removed.
 */
export function decodeText(input: Uint8Array | string): string {
  if (typeof input === 'string') return input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;

  const bytes = input;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return utf8Strict.decode(body);
  } catch {
    return tryDecoder('euc-kr', body) ?? new TextDecoder('utf-8').decode(body);
  }
}
