import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { AgainstError } from './errors.ts';

const execFileAsync = promisify(execFile);

export async function git(cwd: string, args: string[], signal?: AbortSignal): Promise<string> {
  const { stdout } = await execFileAsync('git', args, { cwd, maxBuffer: 64 * 2 ** 20, ...(signal ? { signal } : {}) });
  return stdout.trim();
}

/** The top folder of the git checkout holding `dir`, or an AgainstError when there is none. */
export async function workspaceRootOf(dir: string): Promise<string> {
  try {
    return await git(dir, ['rev-parse', '--show-toplevel']);
  } catch {
    throw new AgainstError('unknown-ref', `--against needs a git checkout, and ${dir} is not in one`);
  }
}

/** Resolves a ref (branch, tag, sha, HEAD~1, origin/main) to a full commit sha. */
export async function resolveCommit(root: string, ref: string): Promise<string> {
  if (!ref || ref.startsWith('-')) throw new AgainstError('unknown-ref', `--against ${JSON.stringify(ref)}: not a revision`);
  try {
    return await git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  } catch {
    const branches = await git(root, ['for-each-ref', '--format=%(refname:short)', '--count=12', 'refs/heads', 'refs/remotes']).catch(() => '');
    const known = branches.split('\n').filter(Boolean);
    throw new AgainstError(
      'unknown-ref',
      `--against ${ref}: git knows no such revision in ${root}` +
        (known.length ? ` (branches: ${known.join(', ')}; a sha, a tag or HEAD~N also work)` : '') +
        (/^origin\//.test(ref) ? '; in CI, fetch the history first (actions/checkout with fetch-depth: 0)' : ''),
    );
  }
}

/** The head side: the commit checked out now, and whether uncommitted changes are part of it. */
export async function headRevision(root: string): Promise<{ commit: string; dirty: boolean }> {
  const commit = await git(root, ['rev-parse', 'HEAD']);
  const status = await git(root, ['status', '--porcelain', '--untracked-files=normal']);
  return { commit, dirty: status.length > 0 };
}
