import path from 'node:path';

/** Repository-relative path with forward slashes, as CI systems expect. */
export function relativePath(cwd: string, filePath: string): string {
  return (path.relative(cwd, filePath) || filePath).split(path.sep).join('/');
}
