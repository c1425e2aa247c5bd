import { defineLayer } from '../../classify/layers';
import type { Preset } from './preset';

/**
 * Command and query responsibility segregation: command handlers change state, query handlers
 * read it. A query that writes, or that runs a command, breaks the split.
 */
export const CQRS: Preset = {
  name: 'cqrs',
  summary: 'Commands change state and queries only read it: query handlers do not write data, run commands or depend on command handlers.',
  layers: [
    defineLayer({
      id: 'command',
      description: 'Command handlers: change the state of the application.',
      decorators: ['CommandHandler'],
      interfaces: ['ICommandHandler'],
      fileSuffixes: ['command-handler', '.command.handler'],
    }),
    defineLayer({
      id: 'query',
      description: 'Query handlers: read the state, change nothing.',
      decorators: ['QueryHandler'],
      interfaces: ['IQueryHandler'],
      fileSuffixes: ['query-handler', '.query.handler'],
    }),
  ],
  dependencies: {
    command: { forbid: ['controller', 'router', 'data-access'] },
    query: { forbid: ['controller', 'router', 'command', 'data-access'] },
  },
  contracts: () => [{ type: 'read-only', name: 'queries do not write', layers: ['query'] }],
  injectedPortsByType: false,
};
