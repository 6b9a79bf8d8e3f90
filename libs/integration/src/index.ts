// Pipeline
export {
  StageTimer,
  StageError,
  describeError,
  type StageName,
  type StageTimings,
  type StageObserver,
} from './pipeline/stage-timer.ts';
export {
  MarkingPipeline,
  sumTimings,
  meanTimings,
  type MarkingOutcome,
  type MarkingSuccess,
  type MarkingFailure,
  type BatchOutcome,
  type MarkingPipelineOptions,
} from './pipeline/marking-pipeline.ts';
export { MARKING_WAYS, type Marker, type MarkingWay, type TmaInput, type MarkingReceipt, type FailureRecord } from './pipeline/marker.ts';
export { FailureLog, type FailureLogEntry } from './pipeline/failure-log.ts';

// Feedback (node-llama-cpp)
export { LlamaFeedback, type LlamaFeedbackOptions, type FeedbackSizing, type ModelLoadTiming } from './feedback/llama-feedback.ts';
export { feedbackModelFile, modelSizeFromEnv, MODEL_ENV, MODEL_SIZE_ENV, type FeedbackModelFile } from './feedback/feedback-model.ts';
export { sharedLlamaRuntime, llamaRuntimeStarted, feedbackThreads } from './feedback/llama-runtime-cache.ts';

// The three ways in
export { InProcessMarker, type InProcessMarkerOptions } from './markers/in-process-marker.ts';
export { IpcMarker, type IpcMarkerOptions } from './markers/ipc-marker.ts';
export { HttpMarker, HttpMarkingError, type HttpMarkerOptions } from './markers/http-marker.ts';
export { openMarker, type OpenMarkerOptions } from './markers/open-marker.ts';

// Workload
export { workloadTmas } from './workload/tma-workload.ts';
