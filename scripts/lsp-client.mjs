// A minimal LSP client over stdio for tests and the bench: spawns `migrasafe lsp --stdio`
// and speaks JSON-RPC to it with vscode-jsonrpc, as an editor would.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function fileUri(filePath) {
  return pathToFileURL(filePath).href;
}

/**
 * Starts the server with `workspace` as the workspace folder. Resolves once `initialize` has been
 * answered and `initialized` sent.
 */
export async function startLspClient({ workspace, initializationOptions = {}, capabilities = {} }) {
  const child = spawn(process.execPath, [path.join(root, 'bin', 'migrasafe.js'), 'lsp', '--stdio'], { cwd: workspace, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published = new Map(); // uri -> latest params
  const waiters = [];
  const messages = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    published.set(params.uri, params);
    for (const w of [...waiters]) {
      if (w.uri === params.uri && w.predicate(params)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params);
      }
    }
  });
  connection.onNotification('window/showMessage', (params) => messages.push(params));
  const timings = [];
  connection.onNotification('migrasafe/timing', (params) => timings.push(params));
  connection.onNotification('window/logMessage', () => {});
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/applyEdit', () => ({ applied: true }));
  connection.listen();
  const init = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: fileUri(workspace),
    workspaceFolders: [{ uri: fileUri(workspace), name: path.basename(workspace) }],
    capabilities,
    initializationOptions,
  });
  await connection.sendNotification('initialized', {});

  return {
    connection,
    init,
    messages,
    timings,
    get stderr() {
      return stderr;
    },
    /** Next diagnostics published for `uri` that satisfy `predicate` (default: any). */
    diagnostics(uri, predicate = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
        waiters.push({ uri, predicate, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      });
    },
    latest(uri) {
      return published.get(uri);
    },
    open(uri, text, version = 1) {
      return connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'sql', version, text } });
    },
    change(uri, version, contentChanges) {
      return connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    close(uri) {
      return connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    request(method, params) {
      return connection.sendRequest(method, params);
    },
    /** shutdown + exit; resolves to the server's exit code. */
    async shutdown() {
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      const result = await exited;
      connection.dispose();
      return result;
    },
    kill() {
      child.kill();
    },
  };
}

/** Applies LSP text edits (from one WorkspaceEdit entry) to a text. */
export function applyLspEdits(text, edits) {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1);
  const offset = (p) => Math.min((lineStarts[p.line] ?? text.length) + p.character, text.length);
  const sorted = edits.map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText })).sort((a, b) => b.start - a.start);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
