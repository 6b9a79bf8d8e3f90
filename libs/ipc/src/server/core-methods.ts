import {
  Anonymiser,
  ConcurrencyError,
  PII_TYPES,
  EventStoreInputError,
  TmaParseError,
  detectPii,
  openLmdbEventStore,
  parseTma,
  sha256Hex,
  validateSubmission,
  type EventStore,
  type ExpectedVersion,
  type NewEvent,
  type PiiType,
} from '@workflow-bench/core';
import { InvalidParamsError, MethodError } from './method-error.ts';
import { describe, optionalNonNegativeInteger, paramsObject, stringField } from './params.ts';
import { streamingMethod, type MethodTable } from './serve.ts';

/** Anonymisers kept per key; a bounded map so a client cycling keys cannot grow the server. */
const ANONYMISER_CACHE_LIMIT = 16;

export interface CoreMethods {
  methods: MethodTable;
  /** Closes the event store if it was opened (removing its temp directory). */
  close(): Promise<void>;
}

/**
 * The core's operations as a method table (see README for params and results). The LMDB event
 * store opens on the first event call, in a fresh temp directory, so servers that never touch
 * events start fast and leave nothing behind.
 */
export function createCoreMethods(): CoreMethods {
  let store: Promise<EventStore> | undefined;
  const getStore = () => (store ??= openLmdbEventStore());
  const anonymisers = new Map<string, Anonymiser>();
  const anonymiserFor = (p: Record<string, unknown>): Anonymiser => {
    const key = stringField(p, 'key');
    if (key.length === 0) throw new InvalidParamsError('key', 'must not be empty');
    let anonymiser = anonymisers.get(key);
    if (!anonymiser) {
      if (anonymisers.size >= ANONYMISER_CACHE_LIMIT) anonymisers.clear();
      anonymiser = new Anonymiser(key);
      anonymisers.set(key, anonymiser);
    }
    return anonymiser;
  };

  const methods: MethodTable = {
    ping: () => 'pong',
    // Streams: a large byte string is sent back as it arrives (cut-through, see streamingMethod).
    echo: streamingMethod((params) => params),
    parse: (params) => {
      const text = stringField(paramsObject(params), 'text');
      try {
        return parseTma(text);
      } catch (error) {
        if (error instanceof TmaParseError) throw new MethodError('tma-parse-error', error.message, { line: error.line, reason: error.reason });
        throw error;
      }
    },
    validate: (params) => {
      const p = paramsObject(params);
      if (!('submission' in p)) throw new InvalidParamsError('submission', 'is required');
      return validateSubmission(p['submission']);
    },
    detectPii: (params) => detectPii(stringField(paramsObject(params), 'text')),
    anonymise: (params) => {
      const p = paramsObject(params);
      const text = stringField(p, 'text');
      return anonymiserFor(p).anonymise(text);
    },
    // The marking's student pseudonym: the same token the in-process anonymiser gives under `key`.
    pseudonym: (params) => {
      const p = paramsObject(params);
      const type = stringField(p, 'type');
      if (!(PII_TYPES as readonly string[]).includes(type)) throw new InvalidParamsError('type', `must be one of ${PII_TYPES.join(', ')}`);
      const value = stringField(p, 'value');
      return anonymiserFor(p).pseudonym(type as PiiType, value);
    },
    hash: (params) => {
      const data = paramsObject(params)['data'];
      if (typeof data !== 'string' && !(data instanceof Uint8Array)) {
        throw new InvalidParamsError('data', `must be a string or bytes, got ${describe(data)}`);
      }
      return sha256Hex(data);
    },
    appendEvents: async (params) => {
      const p = paramsObject(params);
      const streamId = stringField(p, 'streamId');
      const events = p['events'];
      if (!Array.isArray(events)) throw new InvalidParamsError('events', `must be an array, got ${describe(events)}`);
      const expected = p['expectedVersion'];
      try {
        return await (await getStore()).append(streamId, events as NewEvent[], (expected ?? 'any') as ExpectedVersion);
      } catch (error) {
        if (error instanceof ConcurrencyError) {
          throw new MethodError('concurrency-error', error.message, {
            streamId: error.streamId,
            expectedVersion: error.expectedVersion,
            actualVersion: error.actualVersion,
          });
        }
        throw asInvalidParams(error);
      }
    },
    readStream: async (params) => {
      const p = paramsObject(params);
      const streamId = stringField(p, 'streamId');
      const from = optionalNonNegativeInteger(p, 'from');
      const limit = optionalNonNegativeInteger(p, 'limit');
      try {
        return await (await getStore()).readStream(streamId, { from, limit });
      } catch (error) {
        throw asInvalidParams(error);
      }
    },
  };

  return {
    methods,
    async close() {
      if (store) await (await store).close();
    },
  };
}

/**
 * The store's own checks of its input (every backend's: an empty or over-long stream id, an empty
 * event type, `from: 0`, ...) are the client's mistake: invalid-params naming the field.
 */
function asInvalidParams(error: unknown): unknown {
  return error instanceof EventStoreInputError ? new InvalidParamsError(error.field, error.detail) : error;
}
