/**
 * The embedded load driver's CLI.
 *
 *   node --import tsx libs/load/bin/load.ts --scenario mixed --profile medium --duration 10
 *   node --import tsx libs/load/bin/load.ts --url http://127.0.0.1:3000 --scenario status --rate 500 --duration 20
 *   node --import tsx libs/load/bin/load.ts --scenario submit --test-type spike --threshold 'http_req_duration:p(95)<500'
 *
 * Without --url it starts the marking API in a child process on 127.0.0.1 and stops it after.
 * Exit codes: 0 ok, 99 a threshold failed, 1 the run itself failed (e.g. network errors with no
 * threshold to judge them), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { writeFile, rename } from 'node:fs/promises';
import { runLoad } from '../src/driver/run-load.ts';
import { isLoadClientName, type LoadClientName } from '../src/driver/load-target.ts';
import { parseThresholdArgument, parseThresholds, ThresholdSyntaxError, type ParsedThreshold } from '../src/driver/thresholds.ts';
import { buildLoadPlan } from '../src/load-plan.ts';
import { isProfileName, PROFILE_NAMES } from '../src/profiles/load-profiles.ts';
import { isTestType, TEST_TYPES } from '../src/profiles/test-types.ts';
import { isTrafficPattern, TRAFFIC_PATTERNS } from '../src/profiles/traffic-patterns.ts';
import { formatLoadResult } from '../src/results/format-result.ts';
import { thresholdsPassed } from '../src/results/load-result.ts';
import { isMarkingScenarioName, MARKING_SCENARIOS } from '../src/scenarios/marking-scenarios.ts';
import { startMarkingApiProcess, type MarkingApiProcess } from '../src/tools/marking-api-process.ts';

const EXIT_THRESHOLDS = 99;
const EXIT_RUN_FAILED = 1;
const EXIT_USAGE = 2;

const USAGE = `usage: load [--url URL] --scenario ${[...MARKING_SCENARIOS, ...TRAFFIC_PATTERNS].join('|')} [--profile ${PROFILE_NAMES.join('|')}] [--test-type ${TEST_TYPES.join('|')}] [--duration S] [--rate R] [--vus N] [--threshold 'metric:expr']... [--think] [--full] [--max-iterations N] [--seeded N] [--tma-size small|medium|large] [--no-default-thresholds] [--client auto|raw|undici] [--json FILE]`;

/** A bad argument: the message and the usage on stderr, exit 2. */
function usage(message: string): never {
  console.error(`load: ${message}\n${USAGE}`);
  process.exit(EXIT_USAGE);
}

function num(name: string, v: string | undefined, integer = false): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) usage(`--${name} must be a positive ${integer ? 'integer' : 'number'}, got '${v}'`);
  return n;
}

let args;
try {
  args = parseArgs({
    options: {
      url: { type: 'string' },
      scenario: { type: 'string', default: 'mixed' },
      profile: { type: 'string', default: 'light' },
      'test-type': { type: 'string' },
      duration: { type: 'string' },
      rate: { type: 'string' },
      vus: { type: 'string' },
      threshold: { type: 'string', multiple: true },
      think: { type: 'boolean', default: false },
      full: { type: 'boolean', default: false },
      'max-iterations': { type: 'string' },
      seeded: { type: 'string' },
      'tma-size': { type: 'string', default: 'medium' },
      'no-default-thresholds': { type: 'boolean', default: false },
      'grace': { type: 'string' },
      client: { type: 'string', default: 'auto' },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  }).values;
} catch (err) {
  usage((err as Error).message);
}
if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const scenarioName = args.scenario!;
if (!isMarkingScenarioName(scenarioName) && !isTrafficPattern(scenarioName)) usage(`unknown --scenario '${scenarioName}'`);
if (args.client !== 'auto' && !isLoadClientName(args.client!)) usage(`unknown --client '${args.client}' (auto, raw, undici)`);
if (!isProfileName(args.profile!)) usage(`unknown --profile '${args.profile}'`);
if (args['test-type'] !== undefined && !isTestType(args['test-type'])) usage(`unknown --test-type '${args['test-type']}'`);

const plan = buildLoadPlan({
  scenario: scenarioName,
  profile: args.profile,
  testType: args['test-type'] as Parameters<typeof buildLoadPlan>[0]['testType'],
  durationS: num('duration', args.duration),
  rate: num('rate', args.rate),
  vus: num('vus', args.vus, true),
  full: args.full,
  think: args.think,
  seeded: num('seeded', args.seeded, true),
  tmaSize: args['tma-size'] === 'small' || args['tma-size'] === 'large' ? args['tma-size'] : 'medium',
});
let thresholds: ParsedThreshold[];
try {
  thresholds = [...(args['no-default-thresholds'] ? [] : parseThresholds(plan.thresholds)), ...(args.threshold ?? []).map(parseThresholdArgument)];
} catch (err) {
  if (err instanceof ThresholdSyntaxError) usage(err.message);
  throw err;
}

let server: MarkingApiProcess | undefined;
const stopServer = async () => {
  await server?.stop(5000);
};
let exitCode = 0;
try {
  let url = args.url;
  if (!url) {
    server = await startMarkingApiProcess();
    url = server.url;
    console.error(`load: started marking-api at ${url} (pid ${server.pid})`);
  }
  console.error(`load: ${plan.description} against ${url}`);
  const result = await runLoad({
    url,
    scenario: plan.scenario,
    executor: plan.executor,
    thresholds,
    thinkTimeMs: plan.thinkTimeMs,
    maxIterations: num('max-iterations', args['max-iterations'], true),
    gracefulStopS: num('grace', args.grace),
    client: args.client as LoadClientName | 'auto',
    onProgress: (t, n, failed) => console.error(`  ${t.toFixed(0)} s: ${n} requests, ${failed} failed`),
  });
  console.log(formatLoadResult(result));
  if (args.json) {
    const tmp = `${args.json}.${process.pid}.tmp`;
    await writeFile(tmp, JSON.stringify(result, null, 2));
    await rename(tmp, args.json);
  }
  const networkErrors = Object.values(result.errors).reduce((a, b) => a + b, 0);
  if (!thresholdsPassed(result)) {
    console.error(`load: thresholds failed (exit ${EXIT_THRESHOLDS})`);
    exitCode = EXIT_THRESHOLDS;
  } else if (networkErrors > 0 && thresholds.length === 0) {
    console.error(`load: ${networkErrors} network errors (exit ${EXIT_RUN_FAILED})`);
    exitCode = EXIT_RUN_FAILED;
  }
} catch (err) {
  console.error(`load: ${(err as Error).message}`);
  exitCode = EXIT_RUN_FAILED;
} finally {
  await stopServer();
}
process.exit(exitCode);
