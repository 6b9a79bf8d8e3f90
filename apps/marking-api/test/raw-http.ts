import { connect, type Socket } from 'node:net';

/** What came back on one raw connection: everything the server wrote, and whether it closed. */
export interface RawExchange {
  raw: string;
  closed: boolean;
  /** The first answer on the connection, when there is one. */
  status?: number;
  contentType?: string;
  body?: unknown;
}

/**
 * Opens a TCP connection to the API (127.0.0.1 only), lets `talk` write to it, and collects what the
 * server writes until it closes the connection or `waitMs` passes. For requests fetch cannot send:
 * malformed HTTP, a body that never ends, pipelined requests.
 */
export function rawExchange(url: string, talk: (socket: Socket) => void, waitMs: number): Promise<RawExchange> {
  const { hostname, port } = new URL(url);
  if (hostname !== '127.0.0.1') throw new Error(`rawExchange: tests only talk to 127.0.0.1, not ${hostname}`);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) });
    let raw = '';
    const finish = (closed: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve({ raw, closed, ...firstAnswer(raw) });
    };
    const timer = setTimeout(() => finish(false), waitMs);
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (raw += chunk));
    socket.on('close', () => finish(true));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // A reset after the answer is a close; before any answer it is a failure of the test.
      if (raw === '' && error.code !== 'ECONNRESET') reject(error);
    });
    socket.on('connect', () => talk(socket));
  });
}

/** Every answer on the connection, in order (pipelined requests get one each). */
export function answers(raw: string): { status: number; contentType?: string; body: unknown }[] {
  const out: { status: number; contentType?: string; body: unknown }[] = [];
  let rest = raw;
  while (rest.startsWith('HTTP/1.1 ')) {
    const end = rest.indexOf('\r\n\r\n');
    if (end < 0) break;
    const head = rest.slice(0, end).split('\r\n');
    const headers = new Map(head.slice(1).map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
    const length = Number(headers.get('content-length') ?? 0);
    // The connection is read as latin1: one character per byte, so lengths are byte counts.
    const bodyText = Buffer.from(rest.slice(end + 4, end + 4 + length), 'latin1').toString('utf8');
    let body: unknown = bodyText;
    try {
      body = JSON.parse(bodyText);
    } catch {
      // left as text: the assertions say it should have been JSON
    }
    out.push({ status: Number(head[0].split(' ')[1]), contentType: headers.get('content-type'), body });
    rest = rest.slice(end + 4 + length);
  }
  return out;
}

function firstAnswer(raw: string): Pick<RawExchange, 'status' | 'contentType' | 'body'> {
  return answers(raw)[0] ?? {};
}
