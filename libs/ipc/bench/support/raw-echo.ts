import { fileURLToPath } from 'node:url';
import { spawnTsScript, type ServerProcess } from '../../src/client/spawn-server.ts';
import { readInput, type InputReader } from '../../src/transport/input-source.ts';
import { openOutputChannel } from '../../src/transport/socket-pair.ts';

const PASSTHROUGH_SCRIPT = fileURLToPath(new URL('../../bin/passthrough.ts', import.meta.url));

/**
 * The physical anchor: a child that copies stdin to stdout and nothing else. `roundTrip` writes a
 * payload and resolves when as many bytes came back: the same pipes, the same process start-up
 * flags, the same reads (into slabs, through an output channel) and the same bytes as the framed
 * echo, minus framing, codec and dispatch.
 */
export class RawEcho {
  private received = 0;
  private target = 0;
  private wake: (() => void) | undefined;
  private reader: InputReader | undefined;

  private constructor(private readonly child: ServerProcess) {}

  static async start(): Promise<RawEcho> {
    const channel = await openOutputChannel().catch(() => undefined);
    const child = spawnTsScript(PASSTHROUGH_SCRIPT, [], { stdout: channel?.childEnd });
    channel?.childEnd.destroy();
    const echo = new RawEcho(child);
    echo.reader = readInput(channel?.input ?? child.stdout!, { data: (chunk) => echo.onData(chunk), end: () => {} });
    return echo;
  }

  private onData(chunk: Uint8Array): void {
    this.received += chunk.length;
    if (this.wake && this.received >= this.target) {
      const wake = this.wake;
      this.wake = undefined;
      wake();
    }
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
    this.reader?.stop();
  }
}
