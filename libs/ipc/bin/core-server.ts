/**
 * The core served over stdin/stdout.
 *
 *   node --import tsx libs/ipc/bin/core-server.ts --framing length|ndjson --codec json|msgpack [--max-frame-bytes N]
 *
 * Protocol: libs/ipc/README.md. Exits 0 when stdin ends, 2 after a corrupt frame, 64 on bad flags.
 */
import { createCoreMethods } from '../src/server/core-methods.ts';
import { runStdioServer } from '../src/server/run-stdio-server.ts';

const core = createCoreMethods();
await runStdioServer(core.methods, () => core.close());
