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

/** An error that becomes an HTTP answer with its own status and a JSON body. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly extra: Omit<ApiErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}
