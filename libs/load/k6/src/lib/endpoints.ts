/**
 * The marking API's request names (k6's `name` tag), and the thresholds that make k6 keep
 * per-endpoint figures. Pure data (no k6 imports), so the tests can read it too.
 */
export const ENDPOINT = { submit: 'submit', status: 'status', feedback: 'feedback', feedbackRead: 'feedback-read' } as const;
type EndpointName = (typeof ENDPOINT)[keyof typeof ENDPOINT];
export const ENDPOINT_NAMES: readonly EndpointName[] = Object.values(ENDPOINT);

/**
 * k6 only computes a sub-metric such as `http_req_duration{name:submit}` when a threshold names it;
 * only then does it appear in the summary export. `max>=0` always holds (an endpoint with no
 * request has max 0), so these add per-endpoint figures without adding a way to fail.
 */
export function perEndpointThresholds(): Record<string, string[]> {
  return Object.fromEntries(ENDPOINT_NAMES.map((name) => [`http_req_duration{name:${name}}`, ['max>=0']]));
}
