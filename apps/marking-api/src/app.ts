import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import { ApiError, errorBody } from './api-error.ts';
import { connectionErrorHandler, routerErrorHandler } from './connection-errors.ts';
import { feedbackWithMark } from './feedback.ts';
import { requestText } from './request-text.ts';
import { requestTimeouts, timeoutCheckIntervalMs, type RequestTimeouts } from './request-timeouts.ts';
import type { SubmissionService, SubmissionView } from './submission-service.ts';

export interface AppOptions {
  service: SubmissionService;
  /** Largest accepted request body in bytes (default 1 MiB); larger ones get 413. */
  bodyLimit?: number;
  /** Name of the event store backend, reported by /health. */
  storeKind: string;
  logger?: boolean;
  /** How long a client may take to send its request (defaults: headers 15 s, whole request 30 s). */
  timeouts?: Partial<RequestTimeouts>;
}

function statusBody(v: SubmissionView) {
  return {
    id: v.id,
    status: v.status,
    version: v.version,
    submittedAt: v.submittedAt,
    courseCode: v.submitted.courseCode,
    tmaNumber: v.submitted.tmaNumber,
    wordCount: v.submitted.wordCount,
    answerCount: v.submitted.answerCount,
    feedbackAvailable: v.feedback !== undefined,
    feedbackCount: v.feedbackCount,
    ...(v.failure ? { failure: v.failure } : {}),
  };
}

function feedbackBody(v: SubmissionView) {
  return { id: v.id, status: v.status, version: v.version, generatedAt: v.feedbackAt, feedback: v.feedback && feedbackWithMark(v.feedback, v.mark) };
}

/** Reads the TMA text from a JSON `{ "text": ... }` body or a text/plain body. */
function submissionText(body: unknown, contentType: string | undefined): string {
  if (typeof body === 'string' && (contentType ?? '').startsWith('text/plain')) {
    if (body.trim() === '') throw new ApiError(400, 'missing_field', 'request body is empty: send the TMA text', { field: 'text' });
    return body;
  }
  if (body === null || body === undefined || typeof body !== 'object' || Array.isArray(body)) {
    if (body === undefined) throw new ApiError(400, 'missing_field', 'request body is empty: send { "text": "<TMA plain text>" }', { field: 'text' });
    throw new ApiError(400, 'invalid_body', 'request body must be a JSON object { "text": "<TMA plain text>" }', { field: 'body' });
  }
  const text = (body as { text?: unknown }).text;
  if (text === undefined || text === null) throw new ApiError(400, 'missing_field', "missing field 'text' (the TMA plain text)", { field: 'text' });
  if (typeof text !== 'string') throw new ApiError(400, 'invalid_field', "field 'text' must be a string", { field: 'text' });
  if (text.trim() === '') throw new ApiError(400, 'missing_field', "field 'text' is empty", { field: 'text' });
  return text;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Counted in /health's `inFlight` (requests refused while closing are not). */
    counted: boolean;
  }
}

/** The Fastify app with every route; `startMarkingApi` listens on it. */
export function buildApp(options: AppOptions): FastifyInstance {
  const { service } = options;
  const timeouts = requestTimeouts(options.timeouts);
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    // Fastify's default (0) turns Node's request timeout off: a slow body held its connection for ever.
    requestTimeout: timeouts.requestMs,
    http: { headersTimeout: timeouts.headersMs, requestTimeout: timeouts.requestMs, connectionsCheckingInterval: timeoutCheckIntervalMs(timeouts) },
    // What Node and the router answer by themselves is written in the API's error format too.
    clientErrorHandler: connectionErrorHandler(timeouts),
    frameworkErrors: routerErrorHandler,
    // Idle keep-alive sockets are closed on shutdown; requests in flight are drained.
    forceCloseConnections: 'idle',
    // The 503 while closing is answered by the onRequest hook below, in the API's format.
    return503OnClosing: false,
    // Ids longer than a UUID are answered 404 by the route itself, with our JSON error.
    routerOptions: { maxParamLength: 1000 },
  });
  // The API reads UTF-8 only; these replace Fastify's parsers, which decode anything as UTF-8.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (request, body, done) => {
    let text: string;
    try {
      text = requestText(request.headers['content-type'], body as Buffer);
    } catch (err) {
      return done(err as Error, undefined);
    }
    parseJson(request, text, done);
  });
  app.addContentTypeParser('text/plain', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, requestText(request.headers['content-type'], body as Buffer));
    } catch (err) {
      done(err as Error, undefined);
    }
  });
  const started = Date.now();
  let inFlight = 0;
  app.decorateRequest('counted', false);
  app.addHook('onRequest', async (request, reply) => {
    // A request that arrives while the server drains (on a connection still busy) is refused.
    if (!app.server.listening) {
      return reply.code(503).header('connection', 'close').send(errorBody('shutting_down', 'the server is shutting down: retry on a new connection'));
    }
    request.counted = true;
    inFlight++;
  });
  app.addHook('onResponse', async (request) => {
    if (request.counted) inFlight--;
  });
  // While closing, answers to requests still in flight end their keep-alive connection, so the
  // drain finishes when the last answer is sent instead of waiting on clients' idle sockets.
  app.addHook('onSend', async (_request, reply) => {
    if (!app.server.listening) reply.header('connection', 'close');
  });

  app.setErrorHandler((err: FastifyError | ApiError, request, reply) => {
    if (err instanceof ApiError) return reply.code(err.statusCode).send(err.toBody());
    const status = typeof err.statusCode === 'number' ? err.statusCode : 500;
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, body too large, unsupported content type.
      const code =
        err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'body_too_large'
        : err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ? 'unsupported_media_type'
        : err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'empty_body'
        : err.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH' ? 'invalid_content_length'
        : status === 400 ? 'malformed_body'
        : 'bad_request';
      return reply.code(status).send(errorBody(code, err.message, { field: 'body' }));
    }
    request.log.error(err);
    return reply.code(500).send(errorBody('internal_error', 'internal error'));
  });
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('route_not_found', `no route ${request.method} ${request.url.slice(0, 200)}`));
  });

  app.get('/health', async () => ({ status: 'ok', store: options.storeKind, uptimeS: Math.round((Date.now() - started) / 1000), inFlight }));

  app.post('/api/tmas', async (request, reply) => {
    const view = await service.submit(submissionText(request.body, request.headers['content-type']));
    return reply
      .code(202)
      .header('location', `/api/tmas/${view.id}/status`)
      .send({ id: view.id, status: view.status, statusUrl: `/api/tmas/${view.id}/status`, feedbackUrl: `/api/tmas/${view.id}/feedback` });
  });

  app.get<{ Params: { id: string } }>('/api/tmas/:id/status', async (request) => statusBody(await service.get(request.params.id)));

  app.post<{ Params: { id: string } }>('/api/tmas/:id/feedback', async (request) => feedbackBody(await service.generateFeedback(request.params.id)));

  app.get<{ Params: { id: string } }>('/api/tmas/:id/feedback', async (request) => {
    const view = await service.get(request.params.id);
    if (!view.feedback) {
      throw new ApiError(404, 'feedback_not_ready', `no feedback yet for submission ${view.id}: POST /api/tmas/${view.id}/feedback first`, { field: 'id' });
    }
    return feedbackBody(view);
  });

  return app;
}
