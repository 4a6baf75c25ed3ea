import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { documentSelector, initializationOptions, readSettings, serverCommand, watchedFiles } from './settings';

let client: LanguageClient | undefined;

function folders(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const settings = readSettings((key, fallback) => vscode.workspace.getConfiguration('migrasafe').get(key, fallback));
  if (!settings.enable) return;
  const { command, args } = serverCommand(settings, folders(), process.execPath);
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio, options: { cwd: folders()[0] } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: documentSelector(settings),
    initializationOptions: initializationOptions(settings, folders()),
    synchronize: { fileEvents: watchedFiles(settings).map((glob) => vscode.workspace.createFileSystemWatcher(glob)) },
  };
  client = new LanguageClient('migrasafe', 'migrasafe', serverOptions, clientOptions);
  context.subscriptions.push(client);
  try {
    await client.start();
  } catch (error) {
    void vscode.window.showErrorMessage(`migrasafe: could not start \`${command} ${args.join(' ')}\`: ${(error as Error).message}. Install migrasafe in the project (npm i -D migrasafe) or set "migrasafe.path".`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('migrasafe.restart', async () => {
      await client?.stop();
      client = undefined;
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('migrasafe')) return;
      await client?.stop();
      client = undefined;
      await start(context);
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
