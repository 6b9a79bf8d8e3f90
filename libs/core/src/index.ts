// TMA submissions
export type { TmaSize, TmaHeader, TmaAnswer, TmaSubmission, GeneratedTma } from './tma/types.ts';
export { parseTma } from './tma/parse.ts';
export { formatTma, layoutTma, type TmaLayout } from './tma/format.ts';
export { TmaParseError } from './tma/parse-error.ts';
export { generateTma, TMA_SIZES } from './tma/generate.ts';
export { countWords } from './tma/word-count.ts';

// Validation
export { validateSubmission, assertValidSubmission } from './validate/validate.ts';
export { ValidationError, type ValidationIssue, type ValidationResult } from './validate/validation-error.ts';
export { submissionSchema } from './validate/schema.ts';

// PII
export type { PiiType, PiiSpan } from './pii/types.ts';
export { PII_TYPES } from './pii/types.ts';
export { detectPii } from './pii/detect.ts';

// Anonymisation
export { Anonymiser, type AnonymisedText } from './anonymise/anonymiser.ts';
export { normalisePiiValue } from './anonymise/normalise.ts';

// Hashing
export { sha256Hex } from './hash/sha256.ts';

// Event store
export {
  ConcurrencyError,
  EventStoreInputError,
  MAX_STREAM_ID_LENGTH,
  checkAppend,
  checkStreamId,
  readBounds,
  type AppendResult,
  type EventStore,
  type EventType,
  type ExpectedVersion,
  type NewEvent,
  type ReadOptions,
  type StoredEvent,
} from './event-store/event-store.ts';
export { openLmdbEventStore, LmdbEventStore, type LmdbEventStoreOptions } from './event-store/lmdb-event-store.ts';

// Marking: the events every way in writes, preparing a submission, the rubric
export {
  MARKING_EVENT_TYPES,
  markingStreamId,
  submissionEvents,
  assessmentEvents,
  markingFailedEvent,
  type TmaSubmittedData,
  type TmaAnonymisedData,
  type AnonymisedAnswer,
  type FeedbackGeneratedData,
  type AnswerComment,
  type CriterionScore,
  type MarkRecordedData,
  type MarkingFailedData,
} from './marking/marking-events.ts';
export {
  prepareSubmission,
  localSubmissionSteps,
  type PreparedSubmission,
  type SubmissionSteps,
  type PrepareStage,
  type StageRunner,
} from './marking/prepare-submission.ts';
export { rubricMark, rubricAssessment } from './marking/rubric.ts';
// MessagePack (shared with libs/ipc)
export { PlainMsgpack, PLAIN_OPTIONS, toPlainObjects } from './msgpack/plain-msgpack.ts';
export { MsgpackWriter } from './msgpack/msgpack-writer.ts';
export { INCOMPLETE, ReservedByteError, readTrailingBytesHead, scanFrame, valueEnd, type TrailingBytesHead } from './msgpack/msgpack-scan.ts';
