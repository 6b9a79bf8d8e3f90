import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import si from 'systeminformation';
import type { EnvironmentInfo, GpuInfo } from '../results/schema.ts';

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim();
  } catch {
    return null;
  }
}

/** Where the numbers came from: hardware, OS, runtime and source revision. */
export async function collectEnvironment(cwd = process.cwd()): Promise<EnvironmentInfo> {
  const [cpu, mem, osInfo, graphics] = await Promise.all([
    si.cpu().catch(() => null),
    si.mem().catch(() => null),
    si.osInfo().catch(() => null),
    si.graphics().catch(() => null),
  ]);
  const gpus: GpuInfo[] = (graphics?.controllers ?? [])
    // Virtual display adapters of cloud machines are not compute devices.
    .filter((c) => c.model && !/virtio|cirrus|bochs|vga compatible|qxl|vmware svga/i.test(`${c.vendor} ${c.model}`))
    .map((c) => ({ vendor: c.vendor ?? '', model: c.model ?? '', vramMiB: c.vram ?? null }));
  const cpuModel = cpu ? `${cpu.manufacturer} ${cpu.brand}`.trim() : (os.cpus()[0]?.model ?? 'unknown');
  const cpuCores = os.availableParallelism?.() ?? os.cpus().length;
  const memoryBytes = mem?.total ?? os.totalmem();
  const sha = git(['rev-parse', 'HEAD'], cwd);
  const status = sha ? git(['status', '--porcelain', '--untracked-files=no'], cwd) : null;
  const fingerprintSource = JSON.stringify({
    cpuModel,
    cpuCores,
    memoryGiB: Math.round(memoryBytes / 2 ** 30),
    arch: os.arch(),
    gpus: gpus.map((g) => g.model),
  });
  return {
    hostname: os.hostname(),
    cpuModel,
    cpuCores,
    cpuPhysicalCores: cpu?.physicalCores ?? cpuCores,
    cpuSpeedGHz: cpu?.speed || null,
    memoryBytes,
    os: osInfo ? `${osInfo.distro} ${osInfo.release}`.trim() : `${os.type()} ${os.release()}`,
    kernel: osInfo?.kernel ?? os.release(),
    arch: os.arch(),
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    gpus,
    gitSha: sha,
    gitDirty: status === null ? null : status.length > 0,
    hardwareFingerprint: createHash('sha256').update(fingerprintSource).digest('hex').slice(0, 16),
  };
}
