import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../results/write.ts';
import { AgainstError } from './errors.ts';
import { git } from './git.ts';
import { buildShadowModules } from './shadow-modules.ts';

/** Git-ignored folder (see .gitignore) holding one worktree per base commit, reused between runs. */
export const CACHE_DIR = '.bench-cache/against';
/** A worktree is ready once this file exists; anything without it is half-made and redone. */
const READY = '.workflow-bench-ready.json';
/** Worktrees kept; the least recently used beyond this are removed (each may hold a node_modules). */
const KEEP = 4;

export interface PreparedBase {
  /** The base checkout's top folder. */
  root: string;
  commit: string;
  /** `shared`: third-party packages are the head's (identical lock files); `own`: `npm ci` ran in it. */
  modules: 'shared' | 'own';
  /** True when this run made (or remade) the worktree, false when it was reused as it was. */
  created: boolean;
}

interface ReadyMarker {
  commit: string;
  modules: 'shared' | 'own';
  /** sha256 of the base's package-lock.json that `npm ci` installed from. */
  lockHash: string | null;
}

function lockHash(root: string): string | null {
  const file = join(root, 'package-lock.json');
  return existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : null;
}

function readMarker(dir: string): ReadyMarker | null {
  try {
    return JSON.parse(readFileSync(join(dir, READY), 'utf8')) as ReadyMarker;
  } catch {
    return null;
  }
}

/**
 * One preparation of a worktree at a time (two bench targets of one `nx run-many` never run at
 * once, but two terminals might): an exclusive lock file holding the owner's pid; a lock whose
 * owner is gone is taken over.
 */
async function withLock<T>(lockFile: string, onWait: () => void, body: () => Promise<T>): Promise<T> {
  let waited = false;
  for (;;) {
    try {
      const fd = openSync(lockFile, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch {
      const owner = Number(readFileSync(lockFile, 'utf8') || 'NaN');
      let alive = false;
      try {
        alive = Number.isInteger(owner) && owner > 0 && process.kill(owner, 0);
      } catch {
        alive = false;
      }
      if (!alive) {
        rmSync(lockFile, { force: true });
        continue;
      }
      if (!waited) onWait();
      waited = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await body();
  } finally {
    rmSync(lockFile, { force: true });
  }
}

/** Runs `npm ci` in the worktree, relaying one progress line per output line; its log is kept. */
function npmCi(dir: string, logFile: string, progress: (line: string) => void, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const log: string[] = [];
    const child = spawn('npm', ['ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(signal ? { signal } : {}),
      env: { ...process.env, npm_config_progress: 'false' },
    });
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (!line.trim()) continue;
        log.push(line);
        progress(`npm ci: ${line.trim().slice(0, 150)}`);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => {
      writeFileSync(logFile, log.join('\n'));
      reject(err);
    });
    child.on('close', (code) => {
      writeFileSync(logFile, log.join('\n'));
      if (code === 0) resolve();
      else reject(new Error(`npm ci exited with code ${code}`));
    });
  });
}

/** Removes worktrees beyond the KEEP most recently used (never `keep`). */
async function evictOld(workspaceRoot: string, cache: string, keep: string): Promise<void> {
  const dirs = readdirSync(cache, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== keep)
    .map((d) => ({ dir: join(cache, d.name), used: statSync(existsSync(join(cache, d.name, READY)) ? join(cache, d.name, READY) : join(cache, d.name)).mtimeMs }))
    .sort((a, b) => b.used - a.used);
  for (const { dir } of dirs.slice(KEEP - 1)) {
    await git(workspaceRoot, ['worktree', 'remove', '--force', dir]).catch(() => rmSync(dir, { recursive: true, force: true }));
  }
  await git(workspaceRoot, ['worktree', 'prune']).catch(() => undefined);
}

/**
 * A checkout of the base commit with its dependencies installed, in `.bench-cache/against/<sha>`:
 * made with `git worktree add` the first time, reused afterwards. Third-party packages are shared
 * with the head when both package-lock.json files are the same (a shadow node_modules whose
 * workspace packages point at the base's own folders); otherwise `npm ci` runs in the worktree.
 * Anything that fails leaves no ready marker, so the next run starts that worktree again.
 */
export async function prepareBase(options: {
  workspaceRoot: string;
  commit: string;
  ref: string;
  progress: (line: string) => void;
  signal?: AbortSignal;
}): Promise<PreparedBase> {
  const { workspaceRoot, commit, ref, progress, signal } = options;
  const cache = join(workspaceRoot, CACHE_DIR);
  mkdirSync(cache, { recursive: true });
  const dir = join(cache, commit);
  const short = commit.slice(0, 10);
  return withLock(`${dir}.lock`, () => progress(`waiting for another run preparing ${short}…`), async () => {
    const headLock = lockHash(workspaceRoot);
    let marker = readMarker(dir);
    const baseLock = existsSync(dir) ? lockHash(dir) : null;
    // A shared node_modules is only right while both lock files agree; if the head's changed, reinstall.
    if (marker && marker.modules === 'shared' && baseLock !== headLock) marker = null;
    let created = false;
    if (!marker) {
      created = true;
      if (existsSync(dir)) {
        progress(`removing an unfinished worktree of ${short}`);
        await git(workspaceRoot, ['worktree', 'remove', '--force', dir]).catch(() => rmSync(dir, { recursive: true, force: true }));
        await git(workspaceRoot, ['worktree', 'prune']).catch(() => undefined);
      }
      progress(`checking out ${ref} (${short}) into ${CACHE_DIR}/${short}…`);
      try {
        await git(workspaceRoot, ['worktree', 'add', '--detach', '--force', dir, commit], signal);
      } catch (err) {
        throw new AgainstError('prepare', `could not check out ${ref} (${short}) with git worktree: ${(err as Error).message.trim()}`);
      }
    } else {
      progress(`reusing the worktree of ${ref} (${short})`);
    }
    const lock = lockHash(dir);
    let modules: 'shared' | 'own' = marker?.modules ?? 'shared';
    if (!marker || modules === 'shared') {
      if (lock !== null && lock === headLock) {
        const { linked, workspace } = buildShadowModules(workspaceRoot, dir);
        modules = 'shared';
        if (created) progress(`package-lock.json is the same: sharing ${linked} third-party packages, ${workspace} workspace packages from ${short}`);
      } else {
        modules = 'own';
        const logFile = join(cache, `${commit}.npm-ci.log`);
        progress(`package-lock.json differs from the head's: npm ci in the worktree (a minute or more)…`);
        rmSync(join(dir, 'node_modules'), { recursive: true, force: true });
        try {
          await npmCi(dir, logFile, progress, signal);
        } catch (err) {
          if (signal?.aborted) throw err;
          throw new AgainstError('prepare', `npm ci failed in the worktree of ${ref} (${short}): ${(err as Error).message}; see ${logFile}`, logFile);
        }
      }
    }
    const ready: ReadyMarker = { commit, modules, lockHash: lock };
    await writeFileAtomic(join(dir, READY), JSON.stringify(ready) + '\n');
    const now = new Date();
    utimesSync(join(dir, READY), now, now);
    await evictOld(workspaceRoot, cache, commit);
    return { root: dir, commit, modules, created };
  });
}
