import { isIP } from 'node:net';

/**
 * True when a host name or address stays on this machine by definition (localhost, 127.0.0.0/8,
 * ::1). This machine's other addresses (eth0's, say) are not loopback: traffic to them leaves the
 * loopback interface's guarantees, and the CLIs treat them as another host.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./i.test(h);
  return false;
}

/** The host of a URL is loopback (see `isLoopbackHost`); a URL that does not parse is not. */
export function isLoopbackUrl(url: string): boolean {
  try {
    return isLoopbackHost(new URL(url).hostname);
  } catch {
    return false;
  }
}
