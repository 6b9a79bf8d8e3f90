/**
 * A bare passthrough child: stdin copied to stdout, nothing else. The raw-pipe benchmarks send
 * the same bytes through it as through the framed server, as the physical anchor for throughput.
 * It reads stdin the way the server does (into slabs, see fdInput) and, like `pipe()`, stops
 * reading while stdout is backed up.
 */
import { fdInput, isPipeOrSocket, readInput } from '../src/transport/input-source.ts';

const reader = readInput(isPipeOrSocket(0) ? fdInput(0) : process.stdin, {
  data: (chunk) => {
    if (!process.stdout.write(chunk)) {
      reader.pause();
      process.stdout.once('drain', () => reader.resume());
    }
  },
  end: () => process.stdout.end(),
});
