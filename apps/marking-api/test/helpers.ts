import { generateTma } from '@workflow-bench/core';

export interface JsonAnswer {
  status: number;
  contentType: string | null;
  body: unknown;
}

/** A real HTTP request (no inject: light-my-request's cookie dependency wants Node 22). */
export async function call(url: string, init: RequestInit = {}): Promise<JsonAnswer> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // left as text: the assertions say it should have been JSON
  }
  return { status: res.status, contentType: res.headers.get('content-type'), body };
}

export function postJson(url: string, body: unknown): Promise<JsonAnswer> {
  return call(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

export function tmaText(seed = 1, size: 'small' | 'medium' = 'small'): string {
  return generateTma(size, seed).text;
}

/** Every error answer: a 4xx status and `{ error: { code, message } }` JSON. */
export function isJsonClientError(a: JsonAnswer): boolean {
  const e = (a.body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  return a.status >= 400 && a.status < 500 && (a.contentType ?? '').includes('application/json') && typeof e?.code === 'string' && typeof e?.message === 'string';
}
