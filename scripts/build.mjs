// Bundles the CLI, the language server and the VS Code client with esbuild, then regenerates the
// JSON Schema of layerguard.json from the zod schema (one source of truth).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
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

await Promise.all([
  build({ ...common, entryPoints: ['server/src/cli/bin.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  // What ships in the .vsix is minified (names kept, so logged stack traces stay readable).
  build({ ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', minify: true, keepNames: true }),
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true, keepNames: true }),
]);

mkdirSync('schemas', { recursive: true });
const schema = execFileSync(process.execPath, ['dist/cli.js', 'schema'], { encoding: 'utf8' });
writeFileSync('schemas/layerguard.schema.json', schema);
