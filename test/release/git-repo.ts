import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Whether git is installed (release tests skip with a message otherwise). */
export const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/**
 * A small git repository in a temp directory: `base` is committed on `main`, then `branch`
 * (files to write; `null` deletes) is committed on `feature`, checked out.
 */
export function gitRepo(base: Record<string, string>, branch: Record<string, string | null>, opts: { commitBranch?: boolean } = {}): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'migrasafe-release-'));
  const run = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' } });
  const write = (files: Record<string, string | null>) => {
    for (const [rel, text] of Object.entries(files)) {
      const abs = path.join(dir, rel);
      if (text === null) rmSync(abs, { force: true });
      else {
        mkdirSync(path.dirname(abs), { recursive: true });
        writeFileSync(abs, text);
      }
    }
  };
  run('init', '-q', '-b', 'main');
  write(base);
  run('add', '-A');
  run('commit', '-q', '-m', 'base');
  run('checkout', '-q', '-b', 'feature');
  write(branch);
  if (opts.commitBranch !== false) {
    run('add', '-A');
    run('commit', '-q', '-m', 'branch', '--allow-empty');
  }
  return dir;
}

/** Commits everything on the current branch (a second step of the branch). */
export function commitAll(dir: string, files: Record<string, string>, message = 'more'): void {
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.test', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.test' };
  execFileSync('git', ['add', '-A'], { cwd: dir, stdio: 'ignore' });
  execFileSync('git', ['commit', '-q', '-m', message], { cwd: dir, stdio: 'ignore', env });
}
