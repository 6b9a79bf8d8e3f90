import type { ChildMessage } from '../protocol.ts';
import type { Measurements, PreparedSide } from '../lifecycle.ts';

/** What a measure strategy may use of the run: the plan's knobs and the channel to the parent. */
export interface MeasureEnv {
  quick: boolean;
  /** `--samples` from the command line, if given. */
  samples?: number;
  resolutionNs: number;
  phase(id: string, phase: string, done: number, total: number): void;
  send(message: ChildMessage): Promise<void>;
}

/** A way of measuring one prepared revision of a benchmark: wall time or instruction counts. */
export interface SingleMeasure {
  readonly name: 'time' | 'instructions';
  run(p: PreparedSide, env: MeasureEnv): Promise<Measurements>;
}
