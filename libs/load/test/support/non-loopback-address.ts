import { execFileSync } from 'node:child_process';
import { networkInterfaces } from 'node:os';

export type NonLoopbackAddress = { address: string; remove: () => void } | { skip: string };

const DUMMY = 'wbtest0';
/** From 198.18.0.0/15, the block RFC 2544 sets aside for benchmarking: never routed anywhere. */
const DUMMY_ADDRESS = '198.18.0.7';

/**
 * An IPv4 address of this machine that is not loopback (e.g. eth0's), so a test can prove that
 * something works over a real interface and not only over 127.0.0.1. Without one, as root, a dummy
 * interface is created (removed by `remove`); otherwise the reason to skip.
 */
export function nonLoopbackAddress(): NonLoopbackAddress {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) {
      if (a.family === 'IPv4' && !a.internal && !a.address.startsWith('169.254.')) return { address: a.address, remove: () => {} };
    }
  }
  if (process.getuid?.() !== 0) return { skip: 'no non-loopback IPv4 address on this machine, and not root to create a dummy interface' };
  try {
    execFileSync('ip', ['link', 'add', DUMMY, 'type', 'dummy'], { stdio: 'pipe' });
    execFileSync('ip', ['addr', 'add', `${DUMMY_ADDRESS}/32`, 'dev', DUMMY], { stdio: 'pipe' });
    execFileSync('ip', ['link', 'set', DUMMY, 'up'], { stdio: 'pipe' });
    return { address: DUMMY_ADDRESS, remove: () => execFileSync('ip', ['link', 'del', DUMMY], { stdio: 'pipe' }) };
  } catch (err) {
    try {
      execFileSync('ip', ['link', 'del', DUMMY], { stdio: 'pipe' });
    } catch {
      // It was never made.
    }
    return { skip: `no non-loopback IPv4 address, and no dummy interface could be made: ${(err as Error).message.split('\n')[0]}` };
  }
}
