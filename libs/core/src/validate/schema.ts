/**
 * JSON schema of a TmaSubmission: shapes and patterns. Cross-field checks live in validate.ts.
 * (Not typed as ajv's JSONSchemaType: it cannot express the required-but-nullable `part`.)
 */
export const submissionSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['header', 'answers', 'wordCount'],
  properties: {
    header: {
      type: 'object',
      additionalProperties: false,
      required: ['courseCode', 'tmaNumber', 'studentId', 'studentName', 'submissionDate'],
      properties: {
        // OU course codes: 1–3 capitals then 3 digits (M269, TM112, TT284), optional variant letter.
        courseCode: { type: 'string', pattern: '^[A-Z]{1,3}\\d{3}[A-Z]?$' },
        tmaNumber: { type: 'string', pattern: '^\\d{2}$' },
        studentId: { type: 'string', pattern: '^[A-Z]\\d{7}$' },
        studentName: { type: 'string', minLength: 1, maxLength: 200, pattern: '\\S' },
        submissionDate: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
      },
    },
    answers: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['question', 'part', 'text', 'wordCount', 'line'],
        properties: {
          question: { type: 'integer', minimum: 1, maximum: 999 },
          part: { type: 'string', pattern: '^[a-z]{1,4}$', nullable: true },
          text: { type: 'string', pattern: '\\S' },
          wordCount: { type: 'integer', minimum: 0 },
          line: { type: 'integer', minimum: 1 },
        },
      },
    },
    wordCount: { type: 'integer', minimum: 0 },
  },
} as const;
