import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Ajv from 'ajv';
import { git, runCaptured as run } from '../../helpers/cli';
import { project } from '../../helpers/project';

/**
 * The schema GitLab validates each Code Quality issue with, as published in GitLab's source
 * (gitlabhq/gitlabhq, app/validators/json_schemas/codeclimate.json, draft-07), restated here.
 */
const GITLAB_CODE_QUALITY_ISSUE = {
  type: 'object',
  required: ['description', 'fingerprint', 'severity', 'location'],
  properties: {
    description: { type: 'string' },
    fingerprint: { type: 'string' },
    severity: { type: 'string' },
    location: {
      type: 'object',
      properties: {
        path: { type: 'string' },
        lines: { type: 'object', properties: { begin: { type: 'integer' } } },
        positions: { type: 'object', properties: { begin: { type: 'object', properties: { line: { type: 'integer' } } } } },
      },
    },
  },
  additionalProperties: true,
} as const;

/** What GitLab's documentation adds: a check name, one of five severities, a path and a first line. */
const DOCUMENTED = {
  type: 'array',
  items: {
    allOf: [
      GITLAB_CODE_QUALITY_ISSUE,
      {
        required: ['check_name', 'location'],
        properties: {
          check_name: { type: 'string', minLength: 1 },
          severity: { enum: ['info', 'minor', 'major', 'critical', 'blocker'] },
          location: { required: ['path', 'lines'], properties: { path: { type: 'string', minLength: 1 }, lines: { required: ['begin'], properties: { begin: { minimum: 1 } } } } },
        },
      },
    ],
  },
} as const;

interface Issue {
  check_name: string;
  fingerprint: string;
  severity: string;
  description: string;
  content?: { body: string };
  location: { path: string; lines: { begin: number } };
}

describe('layerguard check --format gitlab', () => {
  it("writes a Code Quality report GitLab's schema accepts, paths from the repository's top, one fingerprint per issue", () => {
    const controller = `import type { Request, Response } from 'express';
import { UsersRepository } from './users.repository';
import { RolesRepository } from './roles.repository';
export const users = (req: Request, res: Response) => res.json(new UsersRepository().all());
export const roles = (req: Request, res: Response) => res.json(new RolesRepository().all());
`;
    const p = project({
      'packages/api/tsconfig.json': '{}',
      'packages/api/layerguard.json': JSON.stringify({ rules: { 'layering/forbidden-dependency': 'error' } }),
      'packages/api/src/users/users.repository.ts': 'export class UsersRepository { all(): string[] { return []; } }\n',
      'packages/api/src/users/roles.repository.ts': 'export class RolesRepository { all(): string[] { return []; } }\n',
      'packages/api/src/users/users.controller.ts': controller,
    });
    git(p.root, 'init', '-q');
    const { stdout, code } = run(['check', 'packages/api', '--format', 'gitlab'], p.root);
    assert.equal(code, 1);
    const issues = JSON.parse(stdout) as Issue[];
    const validate = new Ajv({ allErrors: true, strict: false }).compile(DOCUMENTED);
    assert.ok(validate(issues), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(
      issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
      [
        ['layering/forbidden-dependency', 'major', 'packages/api/src/users/users.controller.ts', 4],
        ['layering/forbidden-dependency', 'major', 'packages/api/src/users/users.controller.ts', 5],
      ],
    );
    // GitLab shows one issue per fingerprint: two findings of one rule in one file need two.
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, 2);
    assert.match(issues[0]?.description ?? '', /^A controller must not depend on the repository layer/);
    assert.ok((issues[0]?.content?.body.length ?? 0) > 0, 'the detail goes in the body');
  });
});
