import { fileURLToPath } from 'node:url';
import { spawnTsScript } from '../../src/client/spawn-server.ts';

const PASSTHROUGH_SCRIPT = fileURLToPath(new URL('../../bin/passthrough.ts', import.meta.url));

/**
 * The physical anchor: a child that copies stdin to stdout and nothing else. `roundTrip` writes a
 * payload and resolves when as many bytes came back: the same pipes, the same process start-up
 * flags and the same bytes as the framed echo, minus framing, codec and dispatch.
 */
export class RawEcho {
  private received = 0;
  private target = 0;
  private wake: (() => void) | undefined;
  private readonly child = spawnTsScript(PASSTHROUGH_SCRIPT, []);

  constructor() {
    this.child.stdout.on('data', (chunk: Buffer) => {
      this.received += chunk.length;
      if (this.wake && this.received >= this.target) {
        const wake = this.wake;
        this.wake = undefined;
        wake();
      }
    });
  }

  roundTrip(payload: Uint8Array): Promise<void> {
    this.target += payload.length;
    return new Promise<void>((resolve, reject) => {
      this.wake = resolve;
      this.child.stdin.write(payload, (error) => error && reject(error));
      if (this.received >= this.target) {
        this.wake = undefined;
        resolve();
      }
    });
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 2000);
    await this.child;
    clearTimeout(timer);
  }
}
