import Module = require('node:module');

/**
 * Preloaded with `node --require` in tests: prints every module file a process loads, so a test
 * can check that a fast path does not load the analysis engine.
 */
if (process.env['LAYERGUARD_TRACE_REQUIRES']) {
  const loader = Module as unknown as { _load: (request: string, parent: unknown, isMain: boolean) => unknown; _resolveFilename: (request: string, parent: unknown) => string };
  const load = loader._load;
  loader._load = function traced(request, parent, isMain) {
    try {
      process.stderr.write(`required: ${loader._resolveFilename(request, parent)}\n`);
    } catch {
      // Built-in or unresolvable: the load below reports it.
    }
    return load.call(this, request, parent, isMain);
  };
}
