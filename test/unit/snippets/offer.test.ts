import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { installedPackages, snippetsFor, type SnippetEntry } from '../../../server/src/engine';
import { project } from '../../helpers/project';

const entry = (prefix: string, packages: string[]): SnippetEntry => ({ name: prefix, prefix, packages, description: prefix, body: ['x'] });
const ALL = [
  entry('lg-express-router', ['express']),
  entry('lg-typeorm-entity', ['typeorm']),
  entry('lg-nest-controller', ['@nestjs/common']),
  entry('lg-fastify-route', ['fastify']),
  entry('lg-nest-repository', ['@nestjs/common', '@nestjs/typeorm', 'typeorm']),
  entry('lg-bullmq-worker', ['bullmq']),
];
const prefixes = (list: readonly SnippetEntry[]) => list.map((e) => e.prefix);

describe('snippets offered for the packages a project installs', () => {
  it("offer a Nest project its framework's snippets first, then its libraries', and nothing it has not installed", () => {
    const nest = new Set(['@nestjs/common', '@nestjs/core', '@nestjs/typeorm', 'typeorm', 'reflect-metadata']);
    assert.deepEqual(prefixes(snippetsFor(ALL, nest)), ['lg-nest-controller', 'lg-nest-repository', 'lg-typeorm-entity']);
  });

  it('rank Express first in an Express project that also runs jobs', () => {
    assert.deepEqual(prefixes(snippetsFor(ALL, new Set(['bullmq', 'express']))), ['lg-express-router', 'lg-bullmq-worker']);
  });

  it('offer everything, in file order, when nothing says what the project uses', () => {
    assert.deepEqual(prefixes(snippetsFor(ALL, undefined)), prefixes(ALL), 'no package.json');
    assert.deepEqual(prefixes(snippetsFor(ALL, new Set(['lodash']))), prefixes(ALL), 'no package a snippet needs');
  });

  it("read the nearest package.json's dependencies of every kind, skipping one that does not parse", () => {
    const p = project({
      'package.json': JSON.stringify({ devDependencies: { typescript: '5' } }),
      'apps/api/package.json': JSON.stringify({ dependencies: { express: '4' }, devDependencies: { vitest: '1' }, peerDependencies: { zod: '3' } }),
      'apps/api/src/routes/orders.ts': '',
      'apps/worker/package.json': '{ "dependencies": { "bullmq": ',
      'apps/worker/src/jobs/send.ts': '',
    });
    assert.deepEqual([...(installedPackages(path.join(p.root, 'apps/api/src/routes/orders.ts'), p.root) ?? [])].sort(), ['express', 'vitest', 'zod']);
    assert.deepEqual([...(installedPackages(path.join(p.root, 'apps/worker/src/jobs/send.ts'), p.root) ?? [])], ['typescript'], 'the broken one is passed over for the next');
    const bare = project({ 'src/a.ts': '' });
    assert.equal(installedPackages(path.join(bare.root, 'src/a.ts'), bare.root), undefined);
  });
});
