export * from './driver/latency-histogram.ts';
export * from './driver/thresholds.ts';
export * from './driver/executors.ts';
export { ArrivalSchedule } from './driver/arrival-schedule.ts';
export { HttpSession, LoadTarget, type LoadRequest, type LoadResponse } from './driver/http-session.ts';
export { runLoad, type RunLoadOptions } from './driver/run-load.ts';
export * from './results/load-result.ts';
export * from './scenarios/scenario.ts';
