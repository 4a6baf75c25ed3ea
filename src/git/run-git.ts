import { execFileSync } from 'node:child_process';

export class GitError extends Error {
  constructor(
    message: string,
    public readonly stderr: string,
  ) {
    super(message);
    this.name = 'GitError';
  }
}

/** Runs git and returns stdout; a failure becomes a GitError carrying git's own message. */
export function runGit(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    throw new GitError(`git ${args[0]} failed${stderr ? `: ${stderr}` : ''}`, stderr);
  }
}

/** The repository's top-level directory, or undefined outside a git work tree. */
export function gitTopLevel(cwd: string): string | undefined {
  try {
    return runGit(cwd, ['rev-parse', '--show-toplevel']).trim();
  } catch {
    return undefined;
  }
}
