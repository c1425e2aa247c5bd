// What the two architecture-view benchmarks (view.mjs: the HTML report; view-editor.mjs: inside
// VS Code) share: the generated backends, the frame recorder, and the section they write.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generate, GENERATOR_VERSION, MANIFEST } from './generate.mjs';

/** A generated Nest backend of `files` files under `outDir`, generated again only when the generator changed. */
export function generatedNest(outDir, files) {
  const dir = path.join(outDir, `nest-${files}`);
  const manifest = path.join(dir, MANIFEST);
  const fresh = fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).generatorVersion === GENERATOR_VERSION;
  if (!fresh) {
    fs.rmSync(dir, { recursive: true, force: true });
    generate({ style: 'nest', files, outDir: dir });
  }
  return dir;
}

/** Runs in the page: the intervals between 60 animation frames. */
export function recordFrameIntervals() {
  return new Promise((resolve) => {
    const times = [];
    const tick = (t) => {
      times.push(t);
      if (times.length < 61) requestAnimationFrame(tick);
      else resolve(times.slice(1).map((x, i) => x - times[i]));
    };
    requestAnimationFrame(tick);
  });
}

/** Median and 95th percentile of frame intervals (ms). */
export function frameQuantiles(frames) {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  return { frameMedian: at(0.5), frameP95: at(0.95) };
}

/**
 * Puts `table` (starting with its `## heading` line) into bench/RESULTS.md in place of the section of
 * that exact heading (`## Architecture view` is not `## Architecture view in VS Code`), or at the end.
 */
export function writeResultsSection(repo, table) {
  const file = path.join(repo, 'bench', 'RESULTS.md');
  const heading = table.slice(0, table.indexOf('\n'));
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) {
    fs.writeFileSync(file, `${text.trimEnd()}\n\n${table}`);
    return;
  }
  const end = lines.findIndex((line, i) => i > start && line.startsWith('## '));
  const before = lines.slice(0, start).join('\n').trimEnd();
  const after = end < 0 ? '' : lines.slice(end).join('\n');
  fs.writeFileSync(file, `${before}\n\n${table.trimEnd()}\n${after ? `\n${after}` : ''}`);
}
