export { startMarkingApi, createMarkingApi, type MarkingApiOptions, type RunningMarkingApi } from './server.ts';
export type { AiFeedback, AiFeedbackFunction, Feedback, FeedbackRequest } from './feedback.ts';
export type { ApiErrorBody } from './api-error.ts';
