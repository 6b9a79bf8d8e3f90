import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The real workspace this test file lives in. */
export const WORKSPACE_ROOT = join(import.meta.dirname, '..', '..', '..', '..');

/**
 * Paths copied from the working tree over the clone, so the copy runs this package's current code
 * (plugin, generator, nx.json wiring) on top of everyone else's committed state.
 */
const OVERLAY = ['nx.json', 'package.json', 'tools/nx-bench', 'tools/scripts/bench-all.ts'];

export interface WorkspaceCopy {
  dir: string;
  /** Runs git in the copy and returns its trimmed stdout. */
  git(...args: string[]): string;
  /** Runs the workspace's Nx CLI in the copy (no daemon, no TUI) and returns its exit status and output. */
  nx(...args: string[]): { status: number | null; stdout: string; stderr: string };
  remove(): void;
}

/**
 * A throwaway git copy of the workspace: `git clone` of HEAD, this package's working-tree files on
 * top, node_modules linked from the real workspace, everything committed as one base commit.
 */
export function makeWorkspaceCopy(): WorkspaceCopy {
  const dir = mkdtempSync(join(tmpdir(), 'nx-bench-ws-'));
  execFileSync('git', ['clone', '--quiet', '--no-checkout', WORKSPACE_ROOT, dir], { stdio: 'pipe' });
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.email=nx-bench@test.invalid', '-c', 'user.name=nx-bench test', '-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .toString()
      .trim();
  git('checkout', '--quiet', 'HEAD');
  for (const p of OVERLAY) {
    const from = join(WORKSPACE_ROOT, p);
    if (!existsSync(from)) continue;
    rmSync(join(dir, p), { recursive: true, force: true });
    cpSync(from, join(dir, p), {
      recursive: true,
      filter: (src) => !/[\\/](node_modules|test-results|bench-results|\.nx)([\\/]|$)/.test(src),
    });
  }
  linkNodeModules(join(WORKSPACE_ROOT, 'node_modules'), join(dir, 'node_modules'));
  git('add', '-A');
  git('commit', '--quiet', '--allow-empty', '-m', 'base');
  const nxBin = join(WORKSPACE_ROOT, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const env = { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true', NX_SKIP_NX_CACHE: 'true', CI: 'true', FORCE_COLOR: '0', NO_COLOR: '1' };
  return {
    dir,
    git,
    nx: (...args) => {
      const r = spawnSync(process.execPath, [nxBin, ...args], { cwd: dir, env, encoding: 'utf8', timeout: 540_000 });
      return { status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/**
 * The real workspace's packages, linked entry by entry, except the workspace's own: npm links
 * `@workflow-bench/*` (and `.bin`) with relative symlinks, copied as they are so that they point
 * into the copy. TypeScript's project references need an import of `@workflow-bench/bench-kit`
 * to land in the copy's bench-kit, not the real one.
 */
function linkNodeModules(from: string, to: string): void {
  mkdirSync(to);
  for (const entry of readdirSync(from)) {
    if (entry === '@workflow-bench' || entry === '.bin') cpSync(join(from, entry), join(to, entry), { recursive: true, verbatimSymlinks: true });
    else symlinkSync(join(from, entry), join(to, entry));
  }
}
