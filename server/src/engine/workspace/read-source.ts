import * as fs from 'node:fs';
import { errorMessage } from '../errors';

/** Files larger than this are skipped: parsing 16 MB takes seconds and is never hand-written code. */
export const MAX_SOURCE_BYTES = 16 * 1024 * 1024;
const BINARY_SNIFF_BYTES = 8000;

export type SourceRead = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string };

/**
 * Reads a source file of known size as UTF-8, refusing binary and oversized files with a reason
 * instead of throwing.
 */
export function readSource(file: string, size: number): SourceRead {
  if (size > MAX_SOURCE_BYTES) {
    return { ok: false, reason: `skipped: ${(size / 1024 / 1024).toFixed(1)} MB is over the ${MAX_SOURCE_BYTES / 1024 / 1024} MB limit for source files` };
  }
  let buffer: Buffer;
  try {
    buffer = fs.readFileSync(file);
  } catch (error) {
    return { ok: false, reason: `cannot read file: ${errorMessage(error)}` };
  }
  return decodeSource(buffer);
}

export function decodeSource(buffer: Buffer): SourceRead {
  // UTF-16 with its byte-order mark, as tsc reads it (its NUL bytes are no sign of binary content).
  const utf16 = utf16Text(buffer);
  if (utf16 !== undefined) return { ok: true, text: utf16 };
  if (buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'skipped: binary content (NUL bytes)' };
  const text = buffer.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** The encodings of a source file whose text can be written back as it was read. */
export type SourceEncoding = 'utf8' | 'utf8-bom' | 'utf16le' | 'utf16be';

export function encodingOf(buffer: Buffer): SourceEncoding {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return 'utf16le';
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return 'utf16be';
  return buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf ? 'utf8-bom' : 'utf8';
}

function utf16Text(buffer: Buffer): string | undefined {
  const encoding = encodingOf(buffer);
  if (encoding === 'utf16le') return buffer.subarray(2).toString('utf16le');
  if (encoding !== 'utf16be') return undefined;
  const swapped = Buffer.from(buffer.subarray(2, buffer.length - (buffer.length % 2)));
  return swapped.swap16().toString('utf16le');
}

/** `text` encoded as a file of `encoding` was: its byte-order mark and byte order kept. */
export function encodeSource(text: string, encoding: SourceEncoding): Buffer {
  if (encoding === 'utf8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf8-bom') return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'utf8')]);
  const little = Buffer.from(text, 'utf16le');
  return encoding === 'utf16le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), little]) : Buffer.concat([Buffer.from([0xfe, 0xff]), little.swap16()]);
}
