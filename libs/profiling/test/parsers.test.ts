import { describe, expect, it } from 'vitest';
import { parseCallgrindAnnotate } from '../src/cpu/callgrind.ts';
import { parsePerfStatCsv } from '../src/cpu/perf-stat.ts';
import { massifPeakBytes, parseHeaptrackSummary, parseSize } from '../src/memory/native-memory.ts';

describe('perf stat -x, output', () => {
  it('reads counted and unsupported counters', () => {
    const text = [
      '# started on Sat Nov 29 20:00:00 2025',
      '',
      '<not supported>,,instructions,0,100.00,,',
      '1234567,,cycles:u,1000,100.00,,',
      '12.50,msec,task-clock,12500000,100.00,0.912,CPUs utilized',
    ].join('\n');
    expect(parsePerfStatCsv(text)).toEqual([
      { event: 'instructions', value: null, unit: '', note: '<not supported>' },
      { event: 'cycles:u', value: 1234567, unit: '' },
      { event: 'task-clock', value: 12.5, unit: 'msec' },
    ]);
  });
});

describe('callgrind_annotate output', () => {
  it('reads the program total and the function table', () => {
    const text = [
      '--------------------------------------------------------------------------------',
      'Ir                     ',
      '--------------------------------------------------------------------------------',
      '1,501,836,004 (100.0%)  PROGRAM TOTALS',
      '',
      'Ir                   file:function',
      '36,956,543 ( 2.46%)  ./malloc/./malloc/malloc.c:_int_free [/usr/lib/x86_64-linux-gnu/libc.so.6]',
      '30,779,049 ( 2.05%)  ???:Builtins_StrictEqual_Baseline [/usr/bin/node]',
    ].join('\n');
    const s = parseCallgrindAnnotate(text);
    expect(s.totalIr).toBe(1_501_836_004);
    expect(s.top).toEqual([
      { ir: 36_956_543, pct: 2.46, fn: './malloc/./malloc/malloc.c:_int_free', object: '/usr/lib/x86_64-linux-gnu/libc.so.6' },
      { ir: 30_779_049, pct: 2.05, fn: '???:Builtins_StrictEqual_Baseline', object: '/usr/bin/node' },
    ]);
  });
});

describe('heaptrack_print and massif output', () => {
  it('reads the heaptrack summary', () => {
    const text = [
      'total runtime: 11.75s.',
      'calls to allocation functions: 520184 (44259/s)',
      'temporary memory allocations: 214291 (18232/s)',
      'peak heap memory consumption: 11.41M',
      'peak RSS (including heaptrack overhead): 97.07M',
      'total memory leaked: 839.55K',
    ].join('\n');
    expect(parseHeaptrackSummary(text)).toEqual({
      peakHeap: '11.41M',
      peakRss: '97.07M',
      leaked: '839.55K',
      allocationCalls: 520184,
      temporaryAllocations: 214291,
      peakHeapBytes: Math.round(11.41 * 1024 * 1024),
    });
    expect(parseSize('512B')).toBe(512);
    expect(parseSize('nonsense')).toBeUndefined();
  });

  it('finds the massif peak (heap plus allocator overhead)', () => {
    const text = ['snapshot=0', 'mem_heap_B=1000', 'mem_heap_extra_B=24', 'snapshot=1', 'mem_heap_B=5000', 'mem_heap_extra_B=100', 'snapshot=2', 'mem_heap_B=10', 'mem_heap_extra_B=0'].join('\n');
    expect(massifPeakBytes(text)).toBe(5100);
    expect(massifPeakBytes('')).toBeUndefined();
  });
});
