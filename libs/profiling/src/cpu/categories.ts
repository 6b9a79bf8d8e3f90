/**
 * What kind of code a profile frame is, for colouring the flamegraph and grouping hotspots.
 * - `js`: the workspace's own JavaScript/TypeScript
 * - `deps`: code under node_modules
 * - `node`: Node.js internals (`node:` URLs)
 * - `native`: V8 builtins and native functions (no script URL)
 * - `gc`: the garbage collector
 * - `idle`: the thread waiting (idle) or the VM outside JS ("(program)", "(root)")
 */
export type FrameCategory = 'js' | 'deps' | 'node' | 'native' | 'gc' | 'idle';

export const FRAME_CATEGORIES: readonly FrameCategory[] = ['js', 'deps', 'node', 'native', 'gc', 'idle'];

export const CATEGORY_LABELS: Record<FrameCategory, string> = {
  js: 'JS (workspace)',
  deps: 'JS (node_modules)',
  node: 'Node.js internals',
  native: 'native / V8 builtins',
  gc: 'garbage collector',
  idle: 'idle / program',
};

export function categorise(functionName: string, url: string): FrameCategory {
  if (functionName === '(garbage collector)') return 'gc';
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return 'idle';
  if (url.startsWith('node:')) return 'node';
  if (url === '') return 'native';
  if (url.includes('/node_modules/')) return 'deps';
  return 'js';
}
