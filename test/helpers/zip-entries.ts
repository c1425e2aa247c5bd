import * as fs from 'node:fs';
import * as zlib from 'node:zlib';

/** An entry of a zip archive (a .vsix): its name and uncompressed size. */
export interface ZipEntry {
  readonly name: string;
  readonly size: number;
  /** Where its local header is, how it is stored (0 stored, 8 deflated) and its stored size. */
  readonly offset: number;
  readonly method: number;
  readonly compressedSize: number;
}

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;

/** The entries of a zip archive, read from its central directory (no extraction). */
export function zipEntries(file: string): ZipEntry[] {
  const data = fs.readFileSync(file);
  // The end record is at most 64 KiB (its comment) from the end.
  let end = -1;
  for (let i = data.length - 22; i >= Math.max(0, data.length - 22 - 0xffff); i--) {
    if (data.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${file} is not a zip archive`);
  const count = data.readUInt16LE(end + 10);
  let at = data.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (data.readUInt32LE(at) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`${file}: a broken central directory at entry ${i}`);
    const size = data.readUInt32LE(at + 24);
    const nameLength = data.readUInt16LE(at + 28);
    const extraLength = data.readUInt16LE(at + 30);
    const commentLength = data.readUInt16LE(at + 32);
    entries.push({
      name: data.toString('utf8', at + 46, at + 46 + nameLength),
      size,
      method: data.readUInt16LE(at + 10),
      compressedSize: data.readUInt32LE(at + 20),
      offset: data.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The text of one entry of a zip archive. */
export function zipEntryText(file: string, name: string): string {
  const entry = zipEntries(file).find((e) => e.name === name);
  if (!entry) throw new Error(`${name} is not in ${file}`);
  const data = fs.readFileSync(file);
  const start = entry.offset + 30 + data.readUInt16LE(entry.offset + 26) + data.readUInt16LE(entry.offset + 28);
  const stored = data.subarray(start, start + entry.compressedSize);
  return (entry.method === 8 ? zlib.inflateRawSync(stored) : stored).toString('utf8');
}
