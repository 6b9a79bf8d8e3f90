import { ApiError } from './api-error.ts';
import { parseContentType } from './content-type.ts';

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The text of a JSON or text/plain request body, as the API reads it: UTF-8 only. A Content-Type
 * that is not a well-formed media type is a 400; a charset other than UTF-8 is a 415 (the bytes
 * would be read wrongly); bytes that are not UTF-8 are a 400. Nothing is replaced or guessed.
 */
export function requestText(contentType: string | undefined, body: Buffer): string {
  const media = parseContentType(contentType ?? '');
  if (!media) {
    throw new ApiError(400, 'malformed_content_type', `Content-Type '${(contentType ?? '').slice(0, 200)}' is not a well-formed media type (type/subtype; name=value)`, {
      field: 'content-type',
    });
  }
  const charset = media.parameters.get('charset');
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    throw new ApiError(415, 'unsupported_charset', `charset '${charset.slice(0, 100)}' is not supported: send UTF-8 (charset=utf-8 or no charset)`, { field: 'content-type' });
  }
  try {
    return UTF8.decode(body);
  } catch {
    throw new ApiError(400, 'invalid_utf8', 'request body is not valid UTF-8', { field: 'body' });
  }
}
