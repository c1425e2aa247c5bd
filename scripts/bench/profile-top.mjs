// Top self time of a V8 CPU profile, by function or by file: where a run spends its time.
//
//   node --cpu-prof --cpu-prof-dir /tmp/prof dist/cli.js check <dir> --format json > /dev/null
//   node scripts/bench/profile-top.mjs /tmp/prof/<file>.cpuprofile [--top 15] [--by function|file] [--after-ms N] [--inclusive]
//
// --after-ms skips the first N ms of the profile (e.g. a language server's initial analysis, to
// see only the edits); --inclusive counts a function for every sample it is on the stack of
// (time spent in it and in what it calls) instead of only its own code.
//
// Self time of a node = its sample count × the mean sampling interval. dist/cli.js is one bundle:
// its source map (dist/cli.js.map) maps each function back to the original file, e.g.
// server/src/engine/rules/syntax.ts or node_modules/typescript/lib/typescript.js.
import * as fs from 'node:fs';
import { SourceMap } from 'node:module';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '15' }, by: { type: 'string', default: 'function' }, 'after-ms': { type: 'string', default: '0' }, inclusive: { type: 'boolean', default: false } } });
if (!positionals[0]) {
  console.error('usage: node scripts/bench/profile-top.mjs <file.cpuprofile> [--top 15] [--by function|file]');
  process.exit(2);
}
const profile = JSON.parse(fs.readFileSync(positionals[0], 'utf8'));
const afterUs = Number(values['after-ms']) * 1000;
const kept = keptSamples(profile, afterUs);
const totalUs = profile.endTime - profile.startTime - afterUs;
const samples = new Map();
for (const id of kept) samples.set(id, (samples.get(id) ?? 0) + 1);
const usPerSample = totalUs / Math.max(1, kept.length);

/** The sample node ids taken at least `afterUs` after the profile started. */
function keptSamples({ samples: ids, timeDeltas }, afterUs) {
  const result = [];
  let at = 0;
  for (let i = 0; i < ids.length; i++) {
    at += timeDeltas[i] ?? 0;
    if (at >= afterUs) result.push(ids[i]);
  }
  return result;
}

const sourceMaps = new Map();

/** The source map next to a bundle (`<file>.map`), parsed once; undefined when there is none. */
function sourceMapOf(file) {
  if (!sourceMaps.has(file)) {
    const mapFile = `${file}.map`;
    sourceMaps.set(file, fs.existsSync(mapFile) ? new SourceMap(JSON.parse(fs.readFileSync(mapFile, 'utf8'))) : undefined);
  }
  return sourceMaps.get(file);
}

/** Original file and 1-based line of a call frame, through the bundle's source map when it has one. */
function origin({ url, lineNumber, columnNumber }) {
  if (!url) return { file: '(native)', line: undefined };
  const file = url.replace(/^file:\/\//, '');
  const entry = file.startsWith('/') ? sourceMapOf(file)?.findEntry(lineNumber, columnNumber) : undefined;
  if (entry?.originalSource) return { file: shortFile(path.resolve(path.dirname(file), entry.originalSource.replace(/^file:\/\//, ''))), line: entry.originalLine + 1 };
  return { file: shortFile(file), line: lineNumber + 1 };
}

/** `typescript (typescript.js)` for a package file; the path relative to cwd otherwise. */
function shortFile(file) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(file);
  return pkg ? `${pkg[1]} (${path.basename(file)})` : path.relative(process.cwd(), file) || file;
}

function keyOf(node) {
  const { file, line } = origin(node.callFrame);
  return values.by === 'file' ? file : `${node.callFrame.functionName || '(anonymous)'}  ${file}${line ? `:${line}` : ''}`;
}

const byKey = new Map();
if (values.inclusive) {
  // Each key counts once per sample even when it recurses: walk every node's stack once.
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const keys = new Map(profile.nodes.map((n) => [n.id, keyOf(n)]));
  for (const [id, count] of samples) {
    const onStack = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) if (byId.get(at)?.callFrame.functionName) onStack.add(keys.get(at));
    for (const key of onStack) byKey.set(key, (byKey.get(key) ?? 0) + count);
  }
} else {
  for (const node of profile.nodes) {
    const count = samples.get(node.id) ?? 0;
    if (count > 0) byKey.set(keyOf(node), (byKey.get(keyOf(node)) ?? 0) + count);
  }
}
const rows = [...byKey].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
console.log(`total ${(totalUs / 1e6).toFixed(2)} s, ${kept.length} samples${afterUs > 0 ? ` (after the first ${values['after-ms']} ms)` : ''}`);
console.log('| self ms | % | ' + (values.by === 'file' ? 'file' : 'function  file:line') + ' |\n|---:|---:|---|');
for (const [key, count] of rows) console.log(`| ${Math.round((count * usPerSample) / 1000)} | ${((count / Math.max(1, kept.length)) * 100).toFixed(1)} | ${key} |`);
