// Bundles the CLI, the language server and the VS Code client with esbuild, then regenerates the
// JSON Schema of layerguard.json from the zod schema (one source of truth).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';

/**
 * ts-morph hands the TypeScript API out through two layers of per-property getters (esbuild's
 * ESM interop and ts-morph's own namespace copy): every `ts.isIdentifier` was two getter calls,
 * ~20% of a cold analysis. In the bundles, server/src/engine/ts.ts becomes a plain copy of the
 * API, read once; the source keeps the re-export so `ts.Node` stays usable as a type.
 */
const plainTypeScript = {
  name: 'plain-typescript',
  setup(bundle) {
    bundle.onLoad({ filter: /[\\/]server[\\/]src[\\/]engine[\\/]ts\.ts$/ }, (args) => ({
      contents: "import { ts as wrapped } from 'ts-morph';\nexport const ts = { ...wrapped };\n",
      loader: 'ts',
      resolveDir: path.dirname(args.path),
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'linked',
  // jsonc-parser's UMD entry hides its requires from bundlers; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  plugins: [plainTypeScript],
};

/**
 * The CLI is two files: `cli.js` (arguments and the output cache, a few KB) loads `cli-engine.js`
 * (the analysis and the TypeScript compiler, ~10 MB) only when the cache cannot answer, so a warm
 * start does not even parse the compiler's code.
 */
const engineOnDemand = {
  name: 'cli-engine-on-demand',
  setup(bundle) {
    bundle.onResolve({ filter: /^\.\/main\.js$/ }, (args) => (args.importer.endsWith(path.join('cli', 'bin.ts')) ? { path: './cli-engine.js', external: true } : undefined));
  },
};

// The output cache trusts only results of the same engine build: cli.js carries its hash.
// Minified (names kept, for readable stack traces): the npm package is mostly this file.
await build({ ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli-engine.js', minify: true, keepNames: true });
const engineBuild = createHash('sha256').update(readFileSync('dist/cli-engine.js')).digest('hex');

await Promise.all([
  build({
    ...common,
    entryPoints: ['server/src/cli/bin.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [...common.plugins, engineOnDemand],
    define: { 'process.env.LAYERGUARD_ENGINE_BUILD': JSON.stringify(engineBuild) },
  }),
  // What ships in the .vsix is minified (names kept, so logged stack traces stay readable).
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', minify: true, keepNames: true }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true, keepNames: true }),
]);

// The architecture view's script, for the browser (the HTML report and the editor's webview):
// one file with ELK inside, so a page that loads nothing from the network can draw.
await build({
  entryPoints: ['webview/src/main.ts'],
  outfile: 'dist/webview/architecture.js',
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'es2022',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync('webview/src/architecture.css', 'dist/webview/architecture.css');

mkdirSync('schemas', { recursive: true });
const schema = execFileSync(process.execPath, ['dist/cli.js', 'schema'], { encoding: 'utf8' });
writeFileSync('schemas/layerguard.schema.json', schema);
