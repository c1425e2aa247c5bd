import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

export const E2E_HOME = process.env['LAYERGUARD_E2E_HOME'] ?? path.join(os.homedir(), '.cache/layerguard-e2e');
const CODE_SERVER = path.join(E2E_HOME, 'cs/node_modules/.bin/code-server');

/**
 * code-server 4.100.3 (VS Code 1.100.3) on loopback with a fresh user-data and extensions folder,
 * the packaged extension installed as users install it (from the .vsix).
 */
export class CodeServer {
  private process: ChildProcess | undefined;
  readonly state: string;
  private output = '';

  private constructor(
    readonly workspace: string,
    readonly port: number,
  ) {
    this.state = fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-cs-'));
  }

  static async create(workspace: string): Promise<CodeServer> {
    if (!fs.existsSync(CODE_SERVER)) throw new Error(`code-server is not installed in ${E2E_HOME}: run bash scripts/e2e/setup.sh`);
    return new CodeServer(workspace, await freePort());
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  get extensionsDir(): string {
    return path.join(this.state, 'extensions');
  }

  installExtension(vsix: string): void {
    const result = spawnSync(CODE_SERVER, [...this.args(), '--install-extension', vsix], { env: this.env(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`installing ${vsix} failed: ${result.stdout}\n${result.stderr}`);
    fs.mkdirSync(path.join(this.state, 'user-data/User'), { recursive: true });
    fs.writeFileSync(
      path.join(this.state, 'user-data/User/settings.json'),
      JSON.stringify({
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.tips.enabled': false,
        // The CLI reads the disk: edits reach it only when a test saves them.
        'files.autoSave': 'off',
        'editor.autoClosingBrackets': 'never',
        'editor.autoClosingQuotes': 'never',
        'editor.autoIndent': 'none',
        'editor.formatOnType': false,
        'editor.acceptSuggestionOnEnter': 'off',
        'editor.quickSuggestions': { other: false, comments: false, strings: false },
        'typescript.suggest.enabled': false,
      }),
    );
  }

  async start(): Promise<void> {
    this.process = spawn(
      CODE_SERVER,
      [...this.args(), '--auth', 'none', '--bind-addr', `127.0.0.1:${this.port}`, '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', this.workspace],
      { env: this.env(), stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    this.process.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + 60000;
    while (Date.now() < deadline) {
      const healthy = await fetch(`http://127.0.0.1:${this.port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return;
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    throw new Error(`code-server did not start on port ${this.port}:\n${this.output}`);
  }

  get log(): string {
    return this.output;
  }

  /** Process ids of the Layerguard language server started by this code-server. */
  serverPids(): number[] {
    const ps = spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
    return ps.stdout
      .split('\n')
      .filter((line) => line.includes(this.extensionsDir) && line.includes('dist/server.js'))
      .map((line) => Number.parseInt(line.trim(), 10))
      .filter((pid) => Number.isInteger(pid));
  }

  stop(): void {
    this.process?.kill();
    fs.rmSync(this.state, { recursive: true, force: true });
  }

  /** Stops the server and starts it again with the same profile: what a user reopening the editor gets. */
  async restart(): Promise<void> {
    const running = this.process;
    if (running && running.exitCode === null) {
      const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
      running.kill();
      await exited;
    }
    await this.start();
  }

  /** The lines the extension logged in its output channel (its log file in the profile). */
  extensionLog(channel: string): string {
    const logs = path.join(this.state, 'user-data', 'logs');
    if (!fs.existsSync(logs)) return '';
    return fs
      .readdirSync(logs, { recursive: true })
      .map(String)
      .filter((file) => file.endsWith(`${channel}.log`))
      .map((file) => fs.readFileSync(path.join(logs, file), 'utf8'))
      .join('\n');
  }

  private args(): string[] {
    return ['--user-data-dir', path.join(this.state, 'user-data'), '--extensions-dir', this.extensionsDir];
  }

  private env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      XDG_CONFIG_HOME: path.join(this.state, 'config'),
      XDG_DATA_HOME: path.join(this.state, 'data'),
      XDG_CACHE_HOME: path.join(this.state, 'cache'),
    };
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
