import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, it } from 'node:test';
import type { CodeAction, CreateFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { TestLspClient } from '../../helpers/lsp-client';
import { NEST_TSCONFIG } from '../../helpers/project';

const CONTROLLER = 'src/users/users.controller.ts';
const controllerText = `import { Controller, Get } from '@nestjs/common';
import { UsersRepository } from './users.repository';

@Controller({ path: 'users', version: '1' })
export class UsersController {
  constructor(private readonly usersRepository: UsersRepository) {}

  @Get()
  list() {
    return this.usersRepository.find();
  }

  @Get('mail')
  mailer() {
    return { host: 'smtp.internal.example.net' };
  }
}
`;
const holdingService = (name: string) => `import { Injectable } from '@nestjs/common';
import { UsersRepository } from './users.repository';
@Injectable()
export class ${name} {
  constructor(private readonly usersRepository: UsersRepository) {}
}
`;
const files: Record<string, string> = {
  'tsconfig.json': NEST_TSCONFIG,
  'src/app.module.ts': `import { Module } from '@nestjs/common';
import { UsersModule } from './users/users.module';
@Module({ imports: [UsersModule] })
export class AppModule {}
`,
  'src/users/users.module.ts': `import { Module } from '@nestjs/common';
import { AccountsService } from './accounts.service';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';
@Module({ controllers: [UsersController], providers: [UsersService, AccountsService, UsersRepository] })
export class UsersModule {}
`,
  'src/users/users.repository.ts': `import { Injectable } from '@nestjs/common';
@Injectable()
export class UsersRepository {
  find() { return Promise.resolve([]); }
}
`,
  'src/users/users.service.ts': holdingService('UsersService'),
  'src/users/accounts.service.ts': holdingService('AccountsService'),
  [CONTROLLER]: controllerText,
};

const documentEdits = (edit: WorkspaceEdit) => (edit.documentChanges ?? []).filter((c): c is TextDocumentEdit => 'textDocument' in c);
const creates = (edit: WorkspaceEdit) => (edit.documentChanges ?? []).filter((c): c is CreateFile => 'kind' in c && c.kind === 'create');

describe('refactors over stdio', () => {
  const clients: TestLspClient[] = [];
  const roots: string[] = [];
  after(async () => {
    for (const client of clients) await client.stop().catch(() => undefined);
    for (const root of roots) fs.rmSync(root, { recursive: true, force: true });
  });

  async function started(options: { previews?: boolean } = {}): Promise<TestLspClient> {
    const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'layerguard-refactors-')));
    roots.push(root);
    for (const [file, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.writeFileSync(path.join(root, file), text);
    }
    const client = new TestLspClient({ root, ...options });
    clients.push(client);
    await client.start();
    await client.waitFor('initial analysis', () => client.statuses.some((s) => s.state === 'ready'));
    await client.open(CONTROLLER, controllerText);
    await client.waitFor('the layering finding', () => client.diagnosticsOf(CONTROLLER).some((d) => d.code === 'layering/forbidden-dependency'));
    return client;
  }

  const command = <R>(client: TestLspClient, name: string, args: unknown) => client.request<R>('workspace/executeCommand', { command: name, arguments: [args] });

  it('Route Controller Call Through Service: lists one choice per fitting service, applies the chosen one as versioned edits', async () => {
    const client = await started();
    const args = { uri: client.uri(CONTROLLER), version: client.versionOf(CONTROLLER), offset: controllerText.indexOf('find()'), refactor: 'routeThroughService' };
    const choices = await command<{ id: string; title: string }[]>(client, 'layerguard.server.refactorChoices', args);
    assert.deepEqual(choices.map((c) => c.title).sort(), ['Route through AccountsService', 'Route through UsersService']);
    const chosen = choices.find((c) => c.title === 'Route through UsersService')!;
    const outcome = await command<{ applied?: string }>(client, 'layerguard.server.applyRefactor', { ...args, choiceId: chosen.id });
    assert.deepEqual(outcome, { applied: 'Route through UsersService' });
    const edit = client.appliedEdits[0] as WorkspaceEdit;
    const byFile = new Map(documentEdits(edit).map((c) => [path.basename(c.textDocument.uri), c]));
    assert.deepEqual([...byFile.keys()].sort(), ['users.controller.ts', 'users.service.ts']);
    assert.equal(byFile.get('users.controller.ts')?.textDocument.version, client.versionOf(CONTROLLER), 'the open controller is pinned to its version');
    assert.equal(byFile.get('users.service.ts')?.textDocument.version, null, 'a closed file has no version');
    assert.equal(edit.changeAnnotations, undefined, 'a client without change annotations gets the plain edit');
  });

  it('previews a change of several files where the editor can, then sums it up in one line', async () => {
    const client = await started({ previews: true });
    const args = { uri: client.uri(CONTROLLER), version: client.versionOf(CONTROLLER), offset: controllerText.indexOf('find()'), refactor: 'routeThroughService' };
    const choices = await command<{ id: string; title: string }[]>(client, 'layerguard.server.refactorChoices', args);
    const chosen = choices.find((c) => c.title === 'Route through UsersService')!;
    await command(client, 'layerguard.server.applyRefactor', { ...args, choiceId: chosen.id });
    const edit = client.appliedEdits[0] as WorkspaceEdit;
    assert.deepEqual(Object.values(edit.changeAnnotations ?? {}), [{ label: 'Route through UsersService', description: 'Route through UsersService: 2 files changed.', needsConfirmation: true }]);
    const annotations = documentEdits(edit).flatMap((c) => c.edits.map((e) => ('annotationId' in e ? e.annotationId : undefined)));
    assert.ok(annotations.length > 1 && annotations.every((id) => id !== undefined && id in (edit.changeAnnotations ?? {})), 'every edit goes through the preview');
    await client.waitFor('the summary', () => client.shownMessages.some((m) => m.message === 'Layerguard: Route through UsersService: 2 files changed.'));
  });

  it('shows a refactor that cannot be made safely as disabled, with the reason, and the palette says it', async () => {
    const client = await started();
    const chained = controllerText.replace('return this.usersRepository.find();', "return this.usersRepository.createQueryBuilder('u').getMany();");
    await client.change(CONTROLLER, chained);
    const offset = chained.indexOf('usersRepository: UsersRepository');
    const lines = chained.slice(0, offset).split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    const request = () =>
      client.request<CodeAction[]>('textDocument/codeAction', {
        textDocument: { uri: client.uri(CONTROLLER) },
        range: { start: position, end: position },
        context: { diagnostics: [], only: ['refactor'] },
      });
    // Code actions come from the analysis of the editor's text: ask until the edit is analyzed.
    let actions = await request();
    for (let tries = 0; tries < 100 && !actions.some((a) => a.kind?.includes('routeThroughService') && a.disabled); tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      actions = await request();
    }
    const route = actions.filter((a) => a.kind?.includes('routeThroughService'));
    assert.ok(route.length > 0, 'the refactor is listed');
    for (const action of route) {
      assert.equal(action.edit, undefined);
      assert.match(action.disabled?.reason ?? '', /cannot move to \w+Service safely: the controller goes on with what createQueryBuilder\(\) returns/);
    }
    const args = { uri: client.uri(CONTROLLER), version: client.versionOf(CONTROLLER), offset, refactor: 'routeThroughService' };
    const answer = await command<{ error?: string }>(client, 'layerguard.server.refactorChoices', args);
    assert.match(answer.error ?? '', /createQueryBuilder/);
  });

  it('refuses choices for a version the server has not analyzed', async () => {
    const client = await started();
    const stale = { uri: client.uri(CONTROLLER), version: client.versionOf(CONTROLLER), offset: 10, refactor: 'routeThroughService' };
    await client.change(CONTROLLER, `// edited\n${controllerText}`);
    const answer = await command<{ error?: string }>(client, 'layerguard.server.refactorChoices', stale);
    assert.match(answer.error ?? '', /changed since it was analyzed/);
  });

  it('offers Move Literal to Configuration in the lightbulb on a string literal, creating .env.example', async () => {
    const client = await started({ previews: true });
    const offset = controllerText.indexOf("'smtp.") + 3;
    const lines = controllerText.slice(0, offset).split('\n');
    const position = { line: lines.length - 1, character: lines[lines.length - 1]!.length };
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: client.uri(CONTROLLER) },
      range: { start: position, end: position },
      context: { diagnostics: [], only: ['refactor'] },
    });
    const move = actions.find((a) => a.kind === 'refactor.extract.layerguard.moveLiteralToConfig');
    assert.equal(move?.title, 'Move to environment variable HOST (default kept)');
    assert.equal(move?.edit, undefined, 'a change that creates a file is applied by the server, which then opens the file');
    await client.request('workspace/executeCommand', move!.command);
    const edit = client.appliedEdits[0] as WorkspaceEdit;
    assert.deepEqual(
      creates(edit).map((c) => path.basename(c.uri)),
      ['.env.example'],
    );
    assert.match(JSON.stringify(documentEdits(edit)), /process\.env\.HOST/);
    await client.waitFor('the summary', () => client.shownMessages.some((m) => /: 1 file changed, 1 created \(\.env\.example\)\.$/.test(m.message)));
    assert.deepEqual(
      client.shownDocuments.map((d) => path.basename(d.uri)),
      ['.env.example'],
      'the created file is opened',
    );
    const onImport = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri: client.uri(CONTROLLER) },
      range: { start: { line: 0, character: 40 }, end: { line: 0, character: 40 } },
      context: { diagnostics: [], only: ['refactor'] },
    });
    assert.deepEqual(
      onImport.filter((a) => a.kind?.includes('moveLiteralToConfig')),
      [],
      'a module specifier is not configuration',
    );
  });

  it('Generate Resource creates the files of a resource and registers its module', async () => {
    const client = await started();
    const folderUri = client.uri('.').replace(/\/\.?$/, '');
    const preview = await command<{ files?: string[]; changed?: string[]; error?: string }>(client, 'layerguard.server.generateResource', { folderUri, name: 'orders', preview: true });
    assert.equal(preview.files?.length, 7, 'the form lists the files it will write');
    assert.deepEqual(
      preview.changed?.map((uri) => path.basename(uri)),
      ['app.module.ts'],
    );
    assert.equal(client.appliedEdits.length, 0, 'a preview writes nothing');
    const outcome = await command<{ files?: string[]; error?: string }>(client, 'layerguard.server.generateResource', { folderUri, name: 'orders' });
    assert.equal(outcome.error, undefined);
    assert.equal(outcome.files?.length, 7);
    const edit = client.appliedEdits[0] as WorkspaceEdit;
    assert.deepEqual(
      creates(edit)
        .map((c) => path.basename(c.uri))
        .sort(),
      ['create-order.dto.ts', 'order.entity.ts', 'orders.controller.ts', 'orders.module.ts', 'orders.repository.ts', 'orders.service.spec.ts', 'orders.service.ts'],
    );
    assert.match(JSON.stringify(documentEdits(edit).filter((c) => c.textDocument.uri.endsWith('app.module.ts'))), /OrdersModule/);
  });
});
