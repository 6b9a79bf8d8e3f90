import type { LlamaFeedback } from '../feedback/llama-feedback.ts';
import type { Marker, MarkingWay } from '../pipeline/marker.ts';
import type { StageTimer } from '../pipeline/stage-timer.ts';
import { HttpMarker } from './http-marker.ts';
import { InProcessMarker } from './in-process-marker.ts';
import { IpcMarker } from './ipc-marker.ts';

export interface OpenMarkerOptions {
  feedback: LlamaFeedback;
  dir?: string;
  timer?: StageTimer;
}

/** Opens the marker of one way in (its store, its child process or its server). */
export function openMarker(way: MarkingWay, options: OpenMarkerOptions): Promise<Marker> {
  switch (way) {
    case 'in-process':
      return InProcessMarker.open(options);
    case 'ipc':
      return IpcMarker.open(options);
    case 'http':
      return HttpMarker.open(options);
    default:
      throw new TypeError(`openMarker: way must be in-process, ipc or http, got ${JSON.stringify(way)}`);
  }
}
