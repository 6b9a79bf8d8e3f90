import { openLmdbEventStore } from '@workflow-bench/core';
import { describeEventStoreContract } from './support/event-store-contract.ts';

// Core's LMDB store against the same contract as the PostgreSQL one: the benchmarks compare engines
// doing the same thing.
describeEventStoreContract('LMDB (core)', () => openLmdbEventStore());
