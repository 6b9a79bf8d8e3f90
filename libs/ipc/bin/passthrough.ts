/**
 * A bare passthrough child: stdin copied to stdout, nothing else. The raw-pipe benchmarks send
 * the same bytes through it as through the framed server, as the physical anchor for throughput.
 */
process.stdin.pipe(process.stdout);
