// Replaces one named block of bench/RESULTS.md's hand-kept notes (below the marker the benchmark
// runner preserves), so the fuzz and soak figures sit beside the speed figures.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../bench/RESULTS.md');

export function writeResultsBlock(name, markdown) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const current = fs.readFileSync(RESULTS, 'utf8');
  const block = `${start}\n${markdown.trim()}\n${end}`;
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const next = from >= 0 && to > from ? current.slice(0, from) + block + current.slice(to + end.length) : `${current.trimEnd()}\n\n${block}\n`;
  fs.writeFileSync(RESULTS, next);
  return RESULTS;
}
