import { hostImport } from '../core/host-import.js';
/** `migrasafe lsp --stdio`: the language server. Loaded only when the command runs. */
export async function runLsp(): Promise<number> {
  const { createConnection, ProposedFeatures } = await hostImport<typeof import('vscode-languageserver/node')>('vscode-languageserver/node');
  const { startServer } = await import('../lsp/server.js');
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // stdout carries the protocol: anything else printed there would corrupt it.
  console.log = (...args: unknown[]) => connection.console.log(args.map(String).join(' '));
  // One failed request must not take the editor's server down: log it and keep serving.
  process.on('unhandledRejection', (reason) => connection.console.error(`migrasafe: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`));
  startServer(connection);
  // The connection ends the process on `exit`; until then the server keeps running.
  return new Promise<number>(() => {});
}
