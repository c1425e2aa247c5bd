// The floor: the least work any tool must do to build a backend's dependency graph.
//
//   node scripts/bench/floor.mjs <dir>   →  {"files":…,"edges":…,"ms":…}
//
// Read every source file, parse it with the TypeScript parser (no Program, no type checker),
// collect import/export/require/import() specifiers, and resolve each one with the root
// tsconfig's options (baseUrl, paths) and one ModuleResolutionCache shared by all files. See
// /work/shared/PERFORMANCE-NOTES.md for why this is the floor. `ms` includes loading TypeScript.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';

const started = performance.now();
// Loaded here, not imported statically, so that `ms` includes it (~0.4 s).
// Resolve `typescript` from the repository (where this script lives), not from the target dir.
const ts = createRequire(import.meta.url)('typescript');

const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/i;
const SKIP_DIRS = new Set(['node_modules', 'dist', 'build', 'out', 'coverage']);

/** Every source file under root, skipping dependency and output folders, dot folders and .d.ts. */
function listSources(root) {
  const files = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
        files.push(full);
      }
    }
  };
  walk(root);
  return files;
}

/** Compiler options of <root>/tsconfig.json (or jsconfig.json); defaults when there is none. */
function compilerOptions(root) {
  const configFile = ['tsconfig.json', 'jsconfig.json'].map((n) => path.join(root, n)).find((f) => fs.existsSync(f));
  // allowJs so that .js files resolve as well; what a graph of a mixed codebase needs.
  const defaults = { allowJs: true, moduleResolution: ts.ModuleResolutionKind.Node10 };
  if (!configFile) return defaults;
  const { config, error } = ts.readConfigFile(configFile, ts.sys.readFile);
  if (error) return defaults;
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, root, undefined, configFile);
  return { ...parsed.options, allowJs: true };
}

function scriptKind(file) {
  if (/\.tsx$/i.test(file)) return ts.ScriptKind.TSX;
  if (/\.jsx$/i.test(file)) return ts.ScriptKind.JSX;
  if (/\.[cm]?js$/i.test(file)) return ts.ScriptKind.JS;
  return ts.ScriptKind.TS;
}

/** Module specifiers of a file: static imports/exports, import = require, require(), import(). */
function specifiersOf(sourceFile) {
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === 'require')) found.push(node.arguments[0].text);
    }
    // require() and import() may sit anywhere, so the whole tree is walked.
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

function main(root) {
  const options = compilerOptions(root);
  const cache = ts.createModuleResolutionCache(root, (f) => f, options);
  const files = listSources(root);
  const edges = new Set();
  let specifiers = 0;
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, scriptKind(file));
    for (const specifier of specifiersOf(sourceFile)) {
      specifiers++;
      const resolved = ts.resolveModuleName(specifier, file, options, ts.sys, cache).resolvedModule;
      // A graph edge is a local file → local file dependency; packages are not nodes.
      if (resolved && !resolved.isExternalLibraryImport && !resolved.resolvedFileName.includes('/node_modules/')) {
        edges.add(`${file}\0${path.resolve(resolved.resolvedFileName)}`);
      }
    }
  }
  return { files: files.length, specifiers, edges: edges.size };
}

const root = path.resolve(process.argv[2] ?? '.');
const result = main(root);
console.log(JSON.stringify({ ...result, ms: Math.round(performance.now() - started) }));
