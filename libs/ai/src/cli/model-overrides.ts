/**
 * A real model instead of the generated ones: `--model <file.gguf>` / `--onnx-model <file.onnx>`
 * when the runner passes arguments through, or the env variables below (always seen by the bench
 * child processes).
 */
export const LLAMA_MODEL_ENV = 'AI_BENCH_MODEL';
export const ONNX_MODEL_ENV = 'AI_BENCH_ONNX_MODEL';

export interface ModelOverrides {
  llamaModel?: string;
  onnxModel?: string;
}

function flag(argv: readonly string[], name: string): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === name) return argv[i + 1];
    if (arg.startsWith(`${name}=`)) return arg.slice(name.length + 1);
  }
  return undefined;
}

export function readModelOverrides(
  argv: readonly string[] = process.argv,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ModelOverrides {
  const llamaModel = flag(argv, '--model') ?? (env[LLAMA_MODEL_ENV] || undefined);
  const onnxModel = flag(argv, '--onnx-model') ?? (env[ONNX_MODEL_ENV] || undefined);
  return { ...(llamaModel ? { llamaModel } : {}), ...(onnxModel ? { onnxModel } : {}) };
}
