import { createRequire } from 'node:module';

/** Runs git in `cwd`; undefined when git is missing, this is not a repository, or the command fails. */
export function git(args: string[], cwd: string): string | undefined {
  return gitBytes(args, cwd)?.toString('utf8');
}

/** `git`, with the output as bytes (file contents, which may not be UTF-8 text). */
export function gitBytes(args: string[], cwd: string): Buffer | undefined {
  // Loaded on first use: node:child_process brings net and dgram with it (about 10 ms of start-up)
  // and a plain lint run outside CI never runs git.
  const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return undefined;
  }
}

/** The top directory of the work tree containing `dir`, if any. */
export function repoRoot(dir: string): string | undefined {
  return git(['rev-parse', '--show-toplevel'], dir)?.trim() || undefined;
}

/** The commit a ref names, if it exists. */
export function resolveCommit(ref: string, cwd: string): string | undefined {
  return git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], cwd)?.trim() || undefined;
}
