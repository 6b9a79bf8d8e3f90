import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { EventStore } from '@workflow-bench/core';
import { buildApp } from './app.ts';
import { DEFAULT_HOST } from './bind-host.ts';
import { openDefaultEventStore } from './event-store-factory.ts';
import type { AiFeedbackFunction } from './feedback.ts';
import type { RequestTimeouts } from './request-timeouts.ts';
import { SubmissionService } from './submission-service.ts';

export interface MarkingApiOptions {
  /** Interface to bind; default (also when empty) 127.0.0.1: never all interfaces unless asked. */
  host?: string;
  /** Port; 0 (default) picks a free one. */
  port?: number;
  /** Event store to use; default: PostgreSQL with DATABASE_URL, else LMDB in a temp dir. The caller closes a store it passes. */
  store?: EventStore;
  /** LMDB only: wait for the disk flush before answering (default true; env MARKING_API_LMDB_SYNC=0 turns it off). */
  lmdbSync?: boolean;
  /** LMDB only: directory of the store (default: a fresh temp dir removed on close). */
  lmdbPath?: string;
  /** 'rubric' (default): deterministic rubric feedback; 'ai': `aiFeedback` writes it. */
  feedbackMode?: 'rubric' | 'ai';
  aiFeedback?: AiFeedbackFunction;
  /** HMAC key for pseudonyms; default ANONYMISATION_KEY from the environment, else random per process. */
  anonymisationKey?: string | Uint8Array;
  /** Largest accepted body in bytes (default 1 MiB). */
  bodyLimit?: number;
  /** Log requests with Fastify's logger (default false: logging costs throughput). */
  logger?: boolean;
  /** How long a client may take to send its request: `headersMs` (default 15 000), `requestMs` with the body (default 30 000). */
  timeouts?: Partial<RequestTimeouts>;
  env?: NodeJS.ProcessEnv;
}

export interface RunningMarkingApi {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  port: number;
  storeKind: string;
  storeLocation: string;
  /** The event store behind the API (for checks such as counting events). */
  store: EventStore;
  /** Stops accepting connections, drains requests in flight, then closes a store it opened. */
  close(): Promise<void>;
}

/** Builds the service and the app without listening (for tests and embedding). */
export async function createMarkingApi(options: MarkingApiOptions = {}) {
  const env = options.env ?? process.env;
  const opened = options.store
    ? { store: options.store, kind: 'custom', location: 'injected' }
    : await openDefaultEventStore(env, { lmdbSync: options.lmdbSync, lmdbPath: options.lmdbPath });
  const service = new SubmissionService({
    store: opened.store,
    anonymisationKey: options.anonymisationKey ?? env.ANONYMISATION_KEY ?? randomBytes(32),
    feedbackMode: options.feedbackMode ?? 'rubric',
    aiFeedback: options.aiFeedback,
  });
  let app;
  try {
    app = buildApp({ service, storeKind: opened.kind, bodyLimit: options.bodyLimit, logger: options.logger, timeouts: options.timeouts });
  } catch (err) {
    // Bad options (e.g. a timeout of 0): nothing half-made is left open.
    if (!options.store) await opened.store.close();
    throw err;
  }
  return { app, service, store: opened.store, storeKind: opened.kind, storeLocation: opened.location, ownsStore: !options.store };
}

/** Starts the marking API and returns its URL and a graceful close. */
export async function startMarkingApi(options: MarkingApiOptions = {}): Promise<RunningMarkingApi> {
  const api = await createMarkingApi(options);
  try {
    await api.app.listen({ host: options.host?.trim() || DEFAULT_HOST, port: options.port ?? 0 });
  } catch (err) {
    if (api.ownsStore) await api.store.close();
    throw err;
  }
  const address = api.app.server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${address.port}`,
    port: address.port,
    storeKind: api.storeKind,
    storeLocation: api.storeLocation,
    store: api.store,
    close() {
      closing ??= (async () => {
        await api.app.close();
        if (api.ownsStore) await api.store.close();
      })();
      return closing;
    },
  };
}
