import { maxHeaderSize, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './api-error.ts';
import type { RequestTimeouts } from './request-timeouts.ts';

/**
 * Node's HTTP server reports what goes wrong before a request reaches Fastify (a slow request,
 * headers over Node's size limit, bytes that are not HTTP) as a `clientError` on the socket.
 * The answer is written on the socket in the API's error format, then the connection is closed.
 */
export function connectionErrorHandler(timeouts: RequestTimeouts) {
  return (error: Error & { code?: string }, socket: Duplex): void => {
    // A reset connection is gone: there is nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const [status, code, message] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', `the request was not received in time: headers within ${timeouts.headersMs} ms, the whole request within ${timeouts.requestMs} ms`]
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? [431, 'headers_too_large', `the request line and headers exceed ${maxHeaderSize} bytes`]
          : [400, 'malformed_request', `the request is not valid HTTP/1.1 (${error.code ?? error.message})`];
    // Once an answer has started on this connection, another one cannot be written into it.
    const answering = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (socket.writable && !answering) {
      const body = JSON.stringify(errorBody(code, message));
      socket.write(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}

/** Fastify's router errors (a URL it cannot decode, a path parameter over the length limit) in the API's format. */
export function routerErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  const status = error.statusCode ?? 400;
  const code = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'url_too_long' : error.code === 'FST_ERR_BAD_URL' ? 'malformed_url' : 'bad_request';
  // The router's message quotes the whole path: keep the answer short.
  void reply.code(status).send(errorBody(code, error.message.length > 300 ? `${error.message.slice(0, 300)}…` : error.message, { field: 'url' }));
}
