import { z } from 'zod';
import { ts } from '../../ts';
import { filesToCheck, rangeOf } from '../syntax';
import { defineRule } from '../types';

const options = z
  .object({
    /** Layers whose files must not hold environment-specific values. */
    layers: z.array(z.string()).default(['controller', 'router', 'service', 'repository']),
  })
  .strict();

const URL = /^(?:https?|wss?|ftp):\/\/[^\s/:]+(?::\d+)?(?:[/?#]\S*)?$/i;
const CONNECTION_STRING = /^(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|redis|rediss|amqps?|mssql|sqlserver|kafka|nats):\/\/\S+$/i;
const HOST_PORT = /^(?=[^:]*[a-z])[a-z0-9][a-z0-9.-]*:\d{2,5}$/i;
const IP_ADDRESS = /^(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?$/;

/** Identifiers, not configuration: XML/JSON-schema namespaces and documentation placeholders. */
const NAMESPACE_HOSTS = /^(?:https?:\/\/)(?:www\.)?(?:w3\.org|schemas\.xmlsoap\.org|schemas\.microsoft\.com|json-schema\.org|purl\.org|xmlns\.com|schemas\.openxmlformats\.org|example\.(?:com|org|net))(?:[/:#]|$)/i;

function kindOf(value: string): string | undefined {
  if (CONNECTION_STRING.test(value)) return 'connection string';
  if (URL.test(value)) return NAMESPACE_HOSTS.test(value) ? undefined : 'URL';
  if (IP_ADDRESS.test(value)) return 'IP address';
  if (HOST_PORT.test(value)) return 'host:port';
  return undefined;
}

function insideDecorator(node: ts.Node): boolean {
  for (let current: ts.Node | undefined = node.parent; current; current = current.parent) {
    if (ts.isDecorator(current)) return true;
    if (ts.isStatement(current) || ts.isClassElement(current)) return false;
  }
  return false;
}

export const hardcodedConfig = defineRule({
  meta: {
    id: 'config/hardcoded-config',
    description: 'A URL, host:port, IP address or connection string is written into a controller, service or repository instead of the configuration.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  options,
  perFile: () => '',
  check(context) {
    const layers = new Set(context.options.layers);
    for (const node of filesToCheck(context)) {
      if (!node.layer || !layers.has(node.layer)) continue;
      const sf = node.sourceFile;
      context.walkFile(node, (n) => {
        if (!ts.isStringLiteralLike(n) || insideDecorator(n) || ts.isImportDeclaration(n.parent) || ts.isExportDeclaration(n.parent)) return;
        const kind = kindOf(n.text.trim());
        if (!kind) return;
        context.report({
          file: node.file,
          range: rangeOf(n, sf),
          message: `Hardcoded configuration in a ${node.layer}: this ${kind} belongs in the configuration, where each environment (and each test) can set it. Read it from the config layer (environment variables through a config module or ConfigService).`,
        });
      });
    }
  },
});
