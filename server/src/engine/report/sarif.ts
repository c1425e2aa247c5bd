import { pathToFileURL } from 'node:url';
import type { AnalysisResult } from '../analyze';
import { effectiveSeverity } from '../analyze-rules';
import { docsUrl } from '../rules/docs';
import { fullMessage } from '../text/headline';
import { RULES } from '../rules/registry';
import type { Location, Severity } from '../types';
import { ENGINE_VERSION } from '../version';
import { relativePath } from './paths';

const LEVEL: Readonly<Record<Severity | 'off', string>> = { error: 'error', warning: 'warning', info: 'note', off: 'none' };

/** SARIF 2.1.0 log: one run, rule metadata with help links, paths relative to a ROOT base id. */
export function toSarif(result: AnalysisResult): Record<string, unknown> {
  const ruleIndex = new Map(RULES.map((r, i) => [r.meta.id, i]));
  const physical = (location: Location) => ({
    artifactLocation: { uri: encodeURI(relativePath(result.root, location.file)), uriBaseId: 'ROOT' },
    region: {
      startLine: location.start.line + 1,
      startColumn: location.start.character + 1,
      endLine: location.end.line + 1,
      endColumn: location.end.character + 1,
    },
  });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Layerguard',
            version: ENGINE_VERSION,
            informationUri: docsUrl('').replace(/\/docs\/rules\/\.md$/, ''),
            rules: RULES.map((r) => ({
              id: r.meta.id,
              name: r.meta.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: r.meta.description },
              helpUri: docsUrl(r.meta.id),
              help: { text: `${r.meta.description} See ${docsUrl(r.meta.id)}` },
              defaultConfiguration: { level: LEVEL[effectiveSeverity(r, result.config, {})] },
              ...(r.meta.messages ? { messageStrings: Object.fromEntries(Object.entries(r.meta.messages).map(([id, text]) => [id, { text }])) } : {}),
            })),
          },
        },
        originalUriBaseIds: { ROOT: { uri: `${pathToFileURL(result.root).href}/` } },
        results: result.findings.map((f) => ({
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId) ?? -1,
          level: LEVEL[f.severity],
          message: { text: fullMessage(f), ...(f.messageId !== undefined ? { id: f.messageId } : {}) },
          ...(f.data !== undefined ? { properties: { data: f.data } } : {}),
          locations: [{ physicalLocation: physical(f) }],
          ...(f.related.length > 0 ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, physicalLocation: physical(r), message: { text: r.message } })) } : {}),
        })),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.problems.map((p) => ({
              level: p.kind === 'rule' ? 'error' : 'warning',
              message: { text: p.message },
              ...(p.file ? { locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(relativePath(result.root, p.file)), uriBaseId: 'ROOT' } } }] } : {}),
            })),
          },
        ],
      },
    ],
  };
}
