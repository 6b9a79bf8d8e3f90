/**
 * k6-style thresholds: `{ http_req_duration: ['p(95)<500'], http_req_failed: ['rate<0.01'] }`.
 *
 * Supported metrics (k6's names): trends `http_req_duration` and `iteration_duration` (ms;
 * aggregations avg, min, med, max, p(N)), the rate `http_req_failed` (rate), and the counters
 * `http_reqs`, `iterations`, `dropped_iterations` (count, rate). A tag filter selects one
 * endpoint: `http_req_duration{name:submit}`.
 */

export type ThresholdSpec = Record<string, readonly string[]>;

export type Aggregation =
  | { kind: 'avg' | 'min' | 'med' | 'max' | 'rate' | 'count' | 'value' }
  | { kind: 'percentile'; p: number };

export type ComparisonOperator = '<' | '<=' | '>' | '>=' | '==' | '===' | '!=';

export interface ParsedThreshold {
  /** The metric key as written (with tag filter). */
  key: string;
  metric: string;
  tags: Record<string, string>;
  expression: string;
  aggregation: Aggregation;
  operator: ComparisonOperator;
  value: number;
}

export class ThresholdSyntaxError extends Error {
  constructor(
    readonly key: string,
    readonly expression: string,
    reason: string,
  ) {
    super(`threshold ${key}: '${expression}': ${reason}`);
    this.name = 'ThresholdSyntaxError';
  }
}

const KNOWN_METRICS: Record<string, 'trend' | 'rate' | 'counter'> = {
  http_req_duration: 'trend',
  iteration_duration: 'trend',
  http_req_failed: 'rate',
  http_reqs: 'counter',
  iterations: 'counter',
  dropped_iterations: 'counter',
};

const ALLOWED: Record<'trend' | 'rate' | 'counter', readonly string[]> = {
  trend: ['avg', 'min', 'med', 'max', 'percentile'],
  rate: ['rate'],
  counter: ['count', 'rate'],
};

const EXPRESSION = /^\s*(avg|min|med|max|rate|count|value|p\(\s*(\d+(?:\.\d+)?)\s*\))\s*(<=|>=|===|==|!=|<|>)\s*(-?\d+(?:\.\d+)?(?:e-?\d+)?)\s*$/;
const METRIC_KEY = /^([a-z_][a-z0-9_]*)(?:\{([^}]*)\})?$/;

export function parseThresholdKey(key: string): { metric: string; tags: Record<string, string> } {
  const m = METRIC_KEY.exec(key.trim());
  if (!m) throw new ThresholdSyntaxError(key, '', 'metric must look like name or name{tag:value}');
  const tags: Record<string, string> = {};
  if (m[2] !== undefined && m[2].trim() !== '') {
    for (const pair of m[2].split(',')) {
      const i = pair.indexOf(':');
      if (i <= 0) throw new ThresholdSyntaxError(key, '', `tag filter '${pair}' must be tag:value`);
      tags[pair.slice(0, i).trim()] = pair.slice(i + 1).trim();
    }
  }
  return { metric: m[1], tags };
}

export function parseThreshold(key: string, expression: string): ParsedThreshold {
  const { metric, tags } = parseThresholdKey(key);
  const type = KNOWN_METRICS[metric];
  if (!type) {
    throw new ThresholdSyntaxError(key, expression, `unknown metric (known: ${Object.keys(KNOWN_METRICS).join(', ')})`);
  }
  const m = EXPRESSION.exec(expression);
  if (!m) throw new ThresholdSyntaxError(key, expression, "expected '<aggregation> <operator> <number>', e.g. 'p(95)<500'");
  let aggregation: Aggregation;
  if (m[2] !== undefined) {
    const p = Number(m[2]);
    if (!(p >= 0 && p <= 100)) throw new ThresholdSyntaxError(key, expression, 'percentile must be within 0..100');
    aggregation = { kind: 'percentile', p };
  } else {
    aggregation = { kind: m[1] as 'avg' };
  }
  // k6 accepts `value` only for gauges; treat it as the rate for rates and the count for counters.
  if (aggregation.kind === 'value') aggregation = { kind: type === 'rate' ? 'rate' : 'count' };
  if (!ALLOWED[type].includes(aggregation.kind)) {
    throw new ThresholdSyntaxError(key, expression, `${metric} is a ${type}; allowed: ${ALLOWED[type].join(', ').replace('percentile', 'p(N)')}`);
  }
  return { key, metric, tags, expression, aggregation, operator: m[3] as ComparisonOperator, value: Number(m[4]) };
}

/** Parses a whole spec; throws ThresholdSyntaxError naming the first bad metric/expression. */
export function parseThresholds(spec: ThresholdSpec): ParsedThreshold[] {
  const out: ParsedThreshold[] = [];
  for (const [key, expressions] of Object.entries(spec)) {
    for (const e of expressions) out.push(parseThreshold(key, e));
  }
  return out;
}

/** Parses the CLI form `metric:expression`, e.g. `http_req_duration:p(95)<500` or `http_req_duration{name:submit}:p(99)<800`. */
export function parseThresholdArgument(arg: string): ParsedThreshold {
  const close = arg.indexOf('}');
  const sep = arg.indexOf(':', close >= 0 ? close : 0);
  if (sep <= 0) throw new ThresholdSyntaxError(arg, '', "expected 'metric:expression', e.g. 'http_req_duration:p(95)<500'");
  return parseThreshold(arg.slice(0, sep), arg.slice(sep + 1));
}

export function compare(actual: number, operator: ComparisonOperator, value: number): boolean {
  switch (operator) {
    case '<':
      return actual < value;
    case '<=':
      return actual <= value;
    case '>':
      return actual > value;
    case '>=':
      return actual >= value;
    case '==':
    case '===':
      return actual === value;
    case '!=':
      return actual !== value;
  }
}

/** Looks up the observed value of a metric aggregation; undefined when there is no data. */
export type MetricLookup = (metric: string, tags: Record<string, string>, aggregation: Aggregation) => number | undefined;

export interface EvaluatedThreshold {
  metric: string;
  expression: string;
  actual?: number;
  passed: boolean;
}

/**
 * Evaluates thresholds. A metric without data fails a threshold (as k6 does for trends with no
 * samples only when they are required; failing loudly is safer for a benchmark gate).
 */
export function evaluateThresholds(thresholds: readonly ParsedThreshold[], lookup: MetricLookup): EvaluatedThreshold[] {
  return thresholds.map((t) => {
    const actual = lookup(t.metric, t.tags, t.aggregation);
    return {
      metric: t.key,
      expression: t.expression,
      actual,
      passed: actual !== undefined && Number.isFinite(actual) && compare(actual, t.operator, t.value),
    };
  });
}
