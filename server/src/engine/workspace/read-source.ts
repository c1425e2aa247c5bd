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
  if (buffer.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'skipped: binary content (NUL bytes)' };
  const text = buffer.toString('utf8');
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

