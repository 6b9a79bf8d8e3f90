import { parseArgs } from 'node:util';
import { runLoad } from '../driver/run-load.ts';
import { isLoadClientName, type LoadClientName } from '../driver/load-target.ts';
import { buildLoadPlan } from '../load-plan.ts';
import { isProfileName, PROFILE_NAMES } from '../profiles/load-profiles.ts';
import { isTestType, TEST_TYPES } from '../profiles/test-types.ts';
import { isTrafficPattern, TRAFFIC_PATTERNS } from '../profiles/traffic-patterns.ts';
import { formatLoadResult } from '../results/format-result.ts';
import { isMarkingScenarioName, MARKING_SCENARIOS } from '../scenarios/marking-scenarios.ts';
import { startMarkingApiProcess, type MarkingApiProcess } from '../tools/marking-api-process.ts';
import { cliThresholds, EXIT, positive, remoteTargetNotice, resultExitCode, UsageError, writeResultJson } from './cli-common.ts';

export const EMBEDDED_USAGE = `usage: load [--url URL] --scenario ${[...MARKING_SCENARIOS, ...TRAFFIC_PATTERNS].join('|')} [--profile ${PROFILE_NAMES.join('|')}] [--test-type ${TEST_TYPES.join('|')}] [--duration S] [--rate R] [--vus N] [--threshold 'metric:expr']... [--think] [--full] [--max-iterations N] [--seeded N] [--tma-size small|medium|large] [--no-default-thresholds] [--grace S] [--client auto|raw|undici] [--json FILE]`;

/**
 * `load.ts [options]`: the embedded driver. Without --url it starts the marking API in a child
 * process on 127.0.0.1 and stops it after. Returns the exit code.
 */
export async function embeddedCommand(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
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
        grace: { type: 'string' },
        client: { type: 'string', default: 'auto' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (args.help) {
    console.log(EMBEDDED_USAGE);
    return EXIT.ok;
  }
  const scenarioName = args.scenario!;
  if (!isMarkingScenarioName(scenarioName) && !isTrafficPattern(scenarioName)) throw new UsageError(`unknown --scenario '${scenarioName}'`);
  if (args.client !== 'auto' && !isLoadClientName(args.client!)) throw new UsageError(`unknown --client '${args.client}' (auto, raw, undici)`);
  if (!isProfileName(args.profile!)) throw new UsageError(`unknown --profile '${args.profile}'`);
  if (args['test-type'] !== undefined && !isTestType(args['test-type'])) throw new UsageError(`unknown --test-type '${args['test-type']}'`);
  const durationS = positive('duration', args.duration);
  const maxIterations = positive('max-iterations', args['max-iterations'], true);
  const notice = args.url ? remoteTargetNotice(args.url, { duration: durationS, 'max-iterations': maxIterations }) : undefined;

  const plan = buildLoadPlan({
    scenario: scenarioName,
    profile: args.profile,
    testType: args['test-type'] as Parameters<typeof buildLoadPlan>[0]['testType'],
    durationS,
    rate: positive('rate', args.rate),
    vus: positive('vus', args.vus, true),
    full: args.full,
    think: args.think,
    seeded: positive('seeded', args.seeded, true),
    tmaSize: args['tma-size'] === 'small' || args['tma-size'] === 'large' ? args['tma-size'] : 'medium',
  });
  const thresholds = cliThresholds(plan.thresholds, args.threshold, args['no-default-thresholds']!);
  const gracefulStopS = positive('grace', args.grace);
  if (notice) console.error(notice);

  let server: MarkingApiProcess | undefined;
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
      maxIterations,
      gracefulStopS,
      client: args.client as LoadClientName | 'auto',
      onProgress: (t, n, failed) => console.error(`  ${t.toFixed(0)} s: ${n} requests, ${failed} failed`),
    });
    console.log(formatLoadResult(result));
    if (args.json) await writeResultJson(args.json, result);
    return resultExitCode(result, thresholds.length, (line) => console.error(line));
  } catch (err) {
    console.error(`load: ${(err as Error).message}`);
    return EXIT.runFailed;
  } finally {
    await server?.stop(5000);
  }
}
