export { startMarkingApi, createMarkingApi, type MarkingApiOptions, type RunningMarkingApi } from './server.ts';
export { buildApp, type AppOptions } from './app.ts';
export { SubmissionService, streamIdOf, type SubmissionView, type SubmissionStatus, type SubmissionServiceOptions } from './submission-service.ts';
export type { TmaSubmittedData, TmaAnonymisedData, FeedbackGeneratedData } from './submission-service.ts';
export { rubricFeedback, scoreAnswer } from './rubric-feedback.ts';
export type { AiFeedbackFunction, AnonymisedAnswer, AnswerFeedback, CriterionScore, Feedback, FeedbackRequest } from './feedback.ts';
export { ApiError, type ApiErrorBody } from './api-error.ts';
export { openDefaultEventStore, type OpenedStore } from './event-store-factory.ts';
