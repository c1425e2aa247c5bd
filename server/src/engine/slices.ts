/**
 * Long synchronous work written as a generator that yields where it may pause. Imports nothing:
 * the CLI's warm path uses it without loading the engine.
 */

/** Runs the work to its end in one go. */
export function runToEnd<T>(steps: Generator<void, T, void>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * Runs the work in slices of about `sliceMs`, giving the event loop a turn between them (a
 * server keeps reading messages); undefined as soon as `shouldStop` says so after a pause.
 */
export async function runInSlices<T>(steps: Generator<void, T, void>, shouldStop: () => boolean, sliceMs: number): Promise<T | undefined> {
  let sliceStarted = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStarted < sliceMs) continue;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (shouldStop()) return undefined;
    sliceStarted = performance.now();
  }
}
