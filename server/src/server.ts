import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { registerHandlers } from './lsp/handlers';

// Wiring only: the connection (stdio, IPC or socket, chosen by the launch arguments) and the
// handlers that adapt the engine to LSP.
const connection = createConnection(ProposedFeatures.all);
registerHandlers(connection);
connection.listen();
