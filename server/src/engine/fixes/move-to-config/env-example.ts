import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Fix, TextEdit } from '../../types';

const EXAMPLE_FILES = ['.env.example', '.env.sample', '.env.template'];

/**
 * Documents the variable in the project's example environment file: `NAME=` (never the value,
 * which stays out of source control). Creates `.env.example` when the project has none.
 */
export function documentVariable(projectDir: string, name: string): Pick<Fix, 'edits' | 'createFiles' | 'otherTexts'> {
  const existing = EXAMPLE_FILES.map((f) => path.posix.join(projectDir, f)).find((f) => fs.existsSync(f));
  if (!existing) return { edits: [], createFiles: [{ file: path.posix.join(projectDir, '.env.example'), text: `${name}=\n` }] };
  const text = fs.readFileSync(existing, 'utf8');
  if (new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`, 'm').test(text)) return { edits: [] };
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const separator = text.length === 0 || text.endsWith('\n') ? '' : eol;
  const edit: TextEdit = { file: existing, range: { start: text.length, end: text.length }, newText: `${separator}${name}=${eol}` };
  return { edits: [edit], otherTexts: [{ file: existing, text }] };
}
