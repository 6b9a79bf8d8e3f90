import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ProfileRequest } from '../src/profile-request.ts';
import { findWorkspaceRoot } from '../src/workspace.ts';

export const workspaceRoot = findWorkspaceRoot(fileURLToPath(new URL('.', import.meta.url)));
/** The fixture "project": its bench/ holds the hot, leaking, clean and sized workloads. */
export const fixtureProject = { name: 'fixture', root: fileURLToPath(new URL('./fixtures', import.meta.url)) };

export function tempOut(): string {
  return join(mkdtempSync(join(tmpdir(), 'profiling-test-')), 'profiling');
}

export function fixtureRequest(bench: string, extra: Partial<ProfileRequest> = {}): ProfileRequest {
  return { workspaceRoot, project: fixtureProject, bench, out: tempOut(), seconds: 1, quick: true, ...extra };
}

/** The frames of a rendered flame graph: name, depth and width as a fraction of the whole. */
export function svgFrames(svg: string): { name: string; depth: number; w: number; x: number; title: string }[] {
  const out = [];
  const re = /<g class="f" data-x="([\d.]+)" data-w="([\d.]+)" data-d="(\d+)" data-n="([^"]*)"><title>([^<]*)<\/title>/g;
  for (const m of svg.matchAll(re)) out.push({ x: Number(m[1]), w: Number(m[2]), depth: Number(m[3]), name: m[4]!, title: m[5]! });
  return out;
}
