// Bundles the CLI, the language server and the VS Code client with esbuild, then regenerates the
// JSON Schema of layerguard.json from the zod schema (one source of truth).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  // jsonc-parser's UMD entry hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
};

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // What ships in the .vsix is minified (names kept, so logged stack traces stay readable).
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', minify: true, keepNames: true }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true, keepNames: true }),
]);

mkdirSync('schemas', { recursive: true });
const schema = execFileSync(process.execPath, ['dist/cli.js', 'schema'], { encoding: 'utf8' });
writeFileSync('schemas/layerguard.schema.json', schema);
