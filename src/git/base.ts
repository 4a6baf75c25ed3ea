import { git, resolveCommit } from './git.js';

/**
 * The ref a release is measured against. `--base` wins; in CI the target branch of the pull or
 * merge request (GitHub Actions `GITHUB_BASE_REF`, GitLab `CI_MERGE_REQUEST_TARGET_BRANCH_NAME`),
 * else the remote's default branch (`origin/HEAD`). Outside CI without `--base`: none, and the
 * release is the newest file(s).
 */
export function defaultBaseRef(env: NodeJS.ProcessEnv, cwd: string): string | undefined {
  const target = env.GITHUB_BASE_REF || env.CI_MERGE_REQUEST_TARGET_BRANCH_NAME;
  if (target) return resolveCommit(`origin/${target}`, cwd) ? `origin/${target}` : target;
  if (!env.CI) return undefined;
  const head = git(['symbolic-ref', '--quiet', 'refs/remotes/origin/HEAD'], cwd)?.trim();
  if (head) return head.replace(/^refs\/remotes\//, '');
  for (const b of ['origin/main', 'origin/master']) if (resolveCommit(b, cwd)) return b;
  return undefined;
}

/** The commit the branch forked from `ref` at (what the release is compared with). */
export function mergeBase(ref: string, cwd: string): string | undefined {
  return git(['merge-base', ref, 'HEAD'], cwd)?.trim() || resolveCommit(ref, cwd);
}
