// Edit latency of the Layerguard language server, end to end over stdio, as an editor sees it.
//
//   node scripts/bench/lsp-edit.mjs <dir> [--edits 100] [--budget-ms 120000] [--file <relative>] [--timeout-ms 600000]
//                                        [--server dist/server.js] [--server-node-args="--cpu-prof --cpu-prof-dir=/tmp/prof"]
//
// Starts `node dist/server.js --stdio` with <dir> as the only workspace folder, waits for the
// initial analysis (the server's `layerguard/status` notification with state "ready"), opens one
// service file, then times N full-text `didChange`s, alternately adding and removing an unused
// `const`: from sending the change to the next `textDocument/publishDiagnostics` for that file
// (the server publishes without a version, so "the next one after the change" is the signal),
// and to the following "ready" status. When edits are slow, measuring stops once the edits took
// --budget-ms (after at least 10), so a large workspace does not take an hour. Then the file is
// closed, the server stopped (it saves its results in a temporary storagePath) and started again:
// `restartFirstDiagnosticsMs` is how long the restarted server takes to show diagnostics (restored
// from storage) and `restartReadyMs` to finish its first analysis. Prints one JSON line.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_SERVER = path.join(REPO, 'dist/server.js');
const MANIFEST = 'bench-manifest.json';

/** A push-diagnostics LSP client that records what the server sends and lets callers wait for it. */
export class Client {
  constructor(root, server, nodeArgs = [], storagePath = undefined) {
    this.root = root;
    this.storagePath = storagePath;
    this.process = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.exited = new Promise((resolve) => this.process.on('exit', resolve));
    this.process.stderr.resume();
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout), new StreamMessageWriter(this.process.stdin));
    this.listeners = new Set();
    this.published = new Set();
    const emit = (event) => {
      for (const listener of [...this.listeners]) listener(event);
    };
    this.connection.onNotification('textDocument/publishDiagnostics', (p) => {
      if (p.diagnostics.length > 0) this.published.add(p.uri);
      emit({ kind: 'publish', uri: p.uri, at: performance.now() });
    });
    this.connection.onNotification('layerguard/status', (p) => emit({ kind: 'status', state: p.state, message: p.message, at: performance.now() }));
    // "<root>: N findings in F files (P parsed) in X ms": the server's own analysis time.
    this.connection.onNotification('window/logMessage', (p) => {
      const match = / in (\d+) files \((\d+) parsed\) in (\d+) ms$/.exec(p.message);
      if (match) emit({ kind: 'analyzed', files: Number(match[1]), parsed: Number(match[2]), ms: Number(match[3]), at: performance.now() });
    });
    this.connection.onRequest('workspace/configuration', (p) => p.items.map(() => ({})));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.listen();
  }

  uri(relative) {
    return URI.file(path.join(this.root, relative)).toString();
  }

  /** Resolves with the first event for which `match` returns true; rejects after `timeoutMs`. */
  waitFor(what, match, timeoutMs) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const listener = (event) => {
        if (!match(event)) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(event);
      };
      this.listeners.add(listener);
    });
  }

  async initialize() {
    const rootUri = URI.file(this.root).toString();
    await this.connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri,
      workspaceFolders: [{ uri: rootUri, name: path.basename(this.root) }],
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } },
        window: { workDoneProgress: true },
        textDocument: { publishDiagnostics: { relatedInformation: true } },
      },
      initializationOptions: { trusted: true, ...(this.storagePath ? { storagePath: this.storagePath } : {}) },
    });
    await this.connection.sendNotification('initialized', {});
  }

  /** Peak resident set size of the server process so far (Linux), in MB. */
  peakRssMb() {
    return this.statusMb('VmHWM');
  }

  /** Resident set size of the server process now (Linux), in MB. */
  rssMb() {
    return this.statusMb('VmRSS');
  }

  statusMb(field) {
    try {
      const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
      const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status);
      return kb ? Number(kb[1]) / 1024 : undefined;
    } catch {
      return undefined; // not Linux: no /proc
    }
  }

  /** shutdown + exit, then a grace period (a --cpu-prof profile is written at exit), then kill. */
  async stop() {
    const grace = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), grace(5000)]);
      await this.connection.sendNotification('exit');
      await Promise.race([this.exited, grace(10000)]);
    } finally {
      this.connection.dispose();
      this.process.kill();
    }
  }
}

/** The file to edit: a service with a planted finding (so every analysis publishes it), else any service. */
function pickFile(root, published, requested) {
  if (requested) return requested;
  const manifestFile = path.join(root, MANIFEST);
  if (fs.existsSync(manifestFile)) {
    const manifest = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
    const plant = manifest.planted.find((p) => p.kind === 'hardcoded-secret') ?? manifest.planted[0];
    if (plant) return `src/modules/${plant.module}/${plant.module}.service.ts`;
  }
  const withFindings = [...published].map((u) => path.relative(root, URI.parse(u).fsPath));
  return withFindings.find((f) => /service\.[cm]?[jt]s$/.test(f)) ?? withFindings.find((f) => /\.[cm]?[jt]sx?$/.test(f)) ?? findService(root);
}

function findService(root) {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules' || entry.name === 'dist') continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else if (/service\.[cm]?[jt]s$/.test(entry.name)) return path.relative(root, full);
    }
  }
  throw new Error(`no service file under ${root}; pass --file`);
}

/** A second server on the same storage: time to the first diagnostics (restored) and to its first analysis. */
async function measureRestart(root, server, nodeArgs, storagePath, timeoutMs) {
  const client = new Client(root, server, nodeArgs, storagePath);
  const started = performance.now();
  const firstPublish = client.waitFor('the first diagnostics after a restart', (e) => e.kind === 'publish', timeoutMs);
  const ready = client.waitFor('the first analysis after a restart', (e) => e.kind === 'status' && e.state !== 'analyzing', timeoutMs);
  await client.initialize();
  const [published, done] = await Promise.all([firstPublish, ready]);
  await client.stop();
  return { restartFirstDiagnosticsMs: Math.round(published.at - started), restartReadyMs: Math.round(done.at - started), restartRestored: published.at < done.at };
}

export function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

const round = (n) => (n === undefined ? undefined : Math.round(n * 10) / 10);

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      edits: { type: 'string', default: '100' },
      'budget-ms': { type: 'string', default: '120000' },
      file: { type: 'string' },
      server: { type: 'string', default: DEFAULT_SERVER },
      'server-node-args': { type: 'string', default: '' },
      'timeout-ms': { type: 'string', default: '600000' },
    },
  });
  const root = path.resolve(positionals[0] ?? '.');
  const edits = Number(values.edits);
  const timeoutMs = Number(values['timeout-ms']);
  const budgetMs = Number(values['budget-ms']);
  const storagePath = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-bench-storage-'));
  const nodeArgs = values['server-node-args'].split(' ').filter(Boolean);
  const client = new Client(root, path.resolve(values.server), nodeArgs, storagePath);

  const started = performance.now();
  const ready = client.waitFor('the initial analysis', (e) => e.kind === 'status' && e.state !== 'analyzing', timeoutMs);
  const initialAnalysis = client.waitFor('the initial analysis log', (e) => e.kind === 'analyzed', timeoutMs);
  await client.initialize();
  const first = await ready;
  if (first.state === 'error') throw new Error(`initial analysis failed: ${first.message}`);
  const initial = await initialAnalysis;
  const initialMs = first.at - started;

  const relative = pickFile(root, client.published, values.file);
  const uri = client.uri(relative);
  const original = fs.readFileSync(path.join(root, relative), 'utf8');
  const hasFindings = client.published.has(uri);

  // Opening the file already schedules an analysis; let it finish so it is not counted.
  const openDone = client.waitFor('the analysis after didOpen', (e) => e.kind === 'status' && e.state !== 'analyzing', timeoutMs);
  await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version: 1, text: original } });
  await openDone;

  const toPublish = [];
  const toReady = [];
  const analysisMs = [];
  const editsStarted = performance.now();
  for (let i = 1; i <= edits; i++) {
    if (i > 10 && performance.now() - editsStarted > budgetMs) break;
    // Odd edits add an unused const, even ones remove it: the text alternates, the facts change.
    const text = i % 2 === 1 ? `${original}\nconst benchEdit${i} = ${i};\n` : original;
    const sent = performance.now();
    const published = hasFindings ? client.waitFor(`publishDiagnostics after edit ${i}`, (e) => e.kind === 'publish' && e.uri === uri && e.at >= sent, timeoutMs) : undefined;
    const analyzed = client.waitFor(`analysis after edit ${i}`, (e) => e.kind === 'analyzed' && e.at >= sent, timeoutMs);
    const done = client.waitFor(`ready after edit ${i}`, (e) => e.kind === 'status' && e.state !== 'analyzing' && e.at >= sent, timeoutMs);
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: i + 1 }, contentChanges: [{ text }] });
    const [publishEvent, analyzedEvent, readyEvent] = await Promise.all([published, analyzed, done]);
    if (publishEvent) toPublish.push(publishEvent.at - sent);
    toReady.push(readyEvent.at - sent);
    analysisMs.push(analyzedEvent.ms);
  }

  const serverPeakRssMb = client.peakRssMb();
  // Back to the text on disk (an unsaved buffer's results are not kept), then stop: the server saves.
  const closed = client.waitFor('the analysis after didClose', (e) => e.kind === 'status' && e.state !== 'analyzing', timeoutMs);
  await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  await closed;
  await client.stop();
  const restart = await measureRestart(root, path.resolve(values.server), nodeArgs, storagePath, timeoutMs);
  fs.rmSync(storagePath, { recursive: true, force: true });
  // Primary metric: the publish of the edited file; without findings there is none, so "ready".
  const primary = toPublish.length > 0 ? toPublish : toReady;
  console.log(
    JSON.stringify({
      file: relative,
      signal: toPublish.length > 0 ? 'publishDiagnostics' : 'status ready',
      files: initial.files,
      initialMs: Math.round(initialMs),
      initialAnalysisMs: initial.ms,
      edits: toReady.length,
      editMedianMs: round(quantile(primary, 0.5)),
      editP95Ms: round(quantile(primary, 0.95)),
      readyMedianMs: round(quantile(toReady, 0.5)),
      analysisMedianMs: round(quantile(analysisMs, 0.5)),
      analysisP95Ms: round(quantile(analysisMs, 0.95)),
      serverPeakRssMb: round(serverPeakRssMb),
      ...restart,
    }),
  );
}

// Run as a script; imported (by the soak benchmark) for its client.
if (process.argv[1] === fileURLToPath(import.meta.url)) main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
