import { describe, expect, it } from 'vitest';
import { GPU_CSV_HEADER, gpuCsv, nvidiaSmiQueryArgs, parseNvidiaSmiCsv, summariseGpu } from '../src/gpu/nvidia-smi.ts';
import { profileGpu } from '../src/profile-gpu.ts';
import { findTool } from '../src/tools.ts';
import { fixtureRequest } from './helpers.ts';

// nvidia-smi --query-gpu=timestamp,index,name,utilization.gpu,utilization.memory,memory.used,memory.total,power.draw,clocks.sm --format=csv,noheader,nounits
const FIXTURE = `2025/11/29 19:45:01.123, 0, NVIDIA H200, 87, 45, 40213, 143771, 512.34, 1980
2025/11/29 19:45:01.123, 1, NVIDIA H200, 0, 0, 1, 143771, [N/A], 345
2025/11/29 19:45:01.323, 0, NVIDIA H200, 93, 51, 40987, 143771, 640.10, 1980
2025/11/29 19:45:01.323, 1, NVIDIA H200, [Not Supported], 0, 1, 143771, 71.2, 345
`;

describe('nvidia-smi CSV', () => {
  it('asks for the documented fields without header or units', () => {
    expect(nvidiaSmiQueryArgs(200)).toEqual([
      '--query-gpu=timestamp,index,name,utilization.gpu,utilization.memory,memory.used,memory.total,power.draw,clocks.sm',
      '--format=csv,noheader,nounits',
      '-lms',
      '200',
    ]);
  });

  it('parses samples, reading [N/A] and [Not Supported] as missing', () => {
    const samples = parseNvidiaSmiCsv(FIXTURE);
    expect(samples).toHaveLength(4);
    expect(samples[0]).toEqual({
      timestamp: '2025/11/29 19:45:01.123',
      index: 0,
      name: 'NVIDIA H200',
      utilizationGpuPct: 87,
      utilizationMemoryPct: 45,
      memoryUsedMiB: 40213,
      memoryTotalMiB: 143771,
      powerW: 512.34,
      smClockMHz: 1980,
    });
    expect(samples[1]!.powerW).toBeNull();
    expect(samples[3]!.utilizationGpuPct).toBeNull();
    expect(summariseGpu(samples)).toEqual({
      samples: 4,
      gpus: 2,
      peakUtilizationGpuPct: 93,
      meanUtilizationGpuPct: (87 + 0 + 93) / 3,
      peakMemoryUsedMiB: 40987,
      peakPowerW: 640.1,
      maxSmClockMHz: 1980,
    });
    const csv = gpuCsv(samples.map((sample, i) => ({ tMs: i * 100, sample })));
    expect(csv.split('\n')[0]).toBe(GPU_CSV_HEADER);
    expect(csv.split('\n')[2]).toBe('100.0,1,0,0,1,143771,,345,2025/11/29 19:45:01.123');
  });

  it('names a line with the wrong number of fields', () => {
    expect(() => parseNvidiaSmiCsv('2025/11/29 19:45:01.123, 0, NVIDIA H200\n')).toThrow(/expected 9 fields.*got 3/);
  });
});

describe.skipIf(findTool('nvidia-smi') !== undefined)('profileGpu without an NVIDIA GPU', () => {
  it('records the GPU profile as skipped with a clear note and runs nothing', async () => {
    const entries = await profileGpu(fixtureRequest('fixture/cpu/hot'));
    expect(entries).toEqual([
      expect.objectContaining({ kind: 'gpu-samples', area: 'gpu', status: 'skipped', path: null, summary: expect.stringMatching(/no NVIDIA GPU here: nvidia-smi not found/) }),
    ]);
  });
});
