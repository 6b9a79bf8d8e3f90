/** The JSON body of every error answer: `{ "error": { "code", "message", ... } }`. */
export interface ApiErrorBody {
  error: {
    code: string;
    message: string;
    /** The request field at fault, when there is one (e.g. `text`, `header.studentId`). */
    field?: string;
    /** 1-based line of the TMA text at fault, for parse errors. */
    line?: number;
    /** Every validation problem, for 422 answers. */
    details?: { field: string; message: string }[];
  };
}

type ErrorDetails = Omit<ApiErrorBody['error'], 'code' | 'message'>;

/** The one way an error body is built: routes, Fastify's errors and Node's connection errors alike. */
export function errorBody(code: string, message: string, extra: ErrorDetails = {}): ApiErrorBody {
  return { error: { code, message, ...extra } };
}

/** An error that becomes an HTTP answer with its own status and a JSON body. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: ErrorDetails = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return errorBody(this.code, this.message, this.extra);
  }
}
