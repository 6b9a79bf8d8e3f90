import { describe, expect, it } from 'vitest';
import { EVENT_DATA_BYTES, workloadEvent, workloadEventData, workloadEvents } from '../src/workload/event-workload.ts';

describe('benchmark workload events', () => {
  it('have exactly EVENT_DATA_BYTES of JSON data for any sequence number', () => {
    for (const seq of [1, 9, 10, 99, 100, 12_345, 999_999, 1_000_000, 2 ** 31]) {
      expect(Buffer.byteLength(JSON.stringify(workloadEventData(seq)))).toBe(EVENT_DATA_BYTES);
    }
  });

  it('are deterministic and carry their sequence number', () => {
    expect(workloadEvent(42)).toEqual(workloadEvent(42));
    expect(workloadEvents(5, 3).map((e) => e.data.seq)).toEqual([5, 6, 7]);
    expect(workloadEvent(1).data).not.toEqual(workloadEvent(2).data);
  });
});
