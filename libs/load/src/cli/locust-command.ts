import { networkInterfaces } from 'node:os';
import { parseArgs } from 'node:util';
import { generateTma } from '@workflow-bench/core';
import { isLoopbackHost } from '../driver/loopback.ts';
import { isProfileName, loadProfile, PROFILE_NAMES } from '../profiles/load-profiles.ts';
import { formatLoadResult } from '../results/format-result.ts';
import { lostWorkerRequests } from '../tools/locust-results.ts';
import { LOCUST_INSTALL_HINT, LOCUST_MASTER_PORT, LOCUST_SHAPES, LOCUST_USER_CLASSES, locustPath, locustWorkerCommand, runLocust, type LocustUserClass } from '../tools/locust.ts';
import { startMarkingApiProcess, type MarkingApiProcess } from '../tools/marking-api-process.ts';
import { cliThresholds, EXIT, nonNegative, positive, remoteTargetNotice, resultExitCode, UsageError, writeResultJson } from './cli-common.ts';

const TAGS = ['submit', 'status', 'feedback', 'workflow'];
/** Without --duration, a run is still bounded: 30 s, or 10 min when --max-requests ends it. */
const DEFAULT_DURATION_S = 30;
const MAX_REQUESTS_DURATION_S = 600;

export const LOCUST_USAGE = `usage: load locust [--url URL] [--profile ${PROFILE_NAMES.join('|')}] [--user-class ${LOCUST_USER_CLASSES.join('|')}] [--users N] [--spawn-rate R] [--duration S] [--max-requests N] [--think-scale X] [--tags ${TAGS.join(',')}] [--shape ${Object.keys(LOCUST_SHAPES).join('|')}] [--workers N] [--expect-workers N] [--master-bind-host ADDR] [--master-port P] [--web] [--web-host ADDR] [--web-port P] [--threshold 'metric:expr']... [--no-default-thresholds] [--csv-dir DIR] [--json FILE]`;

/** This machine's first non-internal IPv4 address: what other hosts may reach a master on 0.0.0.0 at. */
function externalAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/**
 * `load.ts locust`: the repo's locustfile, headless (or with its web UI), in one process or as a
 * master with workers here and on other hosts; the result is the same as the embedded driver's
 * (summary, thresholds, --json, exit 99).
 */
export async function locustCommand(argv: readonly string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: [...argv],
      options: {
        url: { type: 'string' },
        profile: { type: 'string', default: 'light' },
        'user-class': { type: 'string' },
        users: { type: 'string' },
        'spawn-rate': { type: 'string' },
        duration: { type: 'string' },
        'max-requests': { type: 'string' },
        'think-scale': { type: 'string' },
        tags: { type: 'string' },
        shape: { type: 'string' },
        workers: { type: 'string' },
        'expect-workers': { type: 'string' },
        'master-bind-host': { type: 'string' },
        'master-port': { type: 'string' },
        web: { type: 'boolean', default: false },
        'web-host': { type: 'string' },
        'web-port': { type: 'string' },
        threshold: { type: 'string', multiple: true },
        'no-default-thresholds': { type: 'boolean', default: false },
        'csv-dir': { type: 'string' },
        json: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (args.help) {
    console.log(LOCUST_USAGE);
    return EXIT.ok;
  }
  if (!isProfileName(args.profile!)) throw new UsageError(`unknown --profile '${args.profile}'`);
  const profile = loadProfile(args.profile);
  const userClass = (args['user-class'] ?? profile.locustClass) as LocustUserClass;
  if (!LOCUST_USER_CLASSES.includes(userClass)) throw new UsageError(`unknown --user-class '${userClass}' (${LOCUST_USER_CLASSES.join(', ')})`);
  const tags = args.tags?.split(',').filter(Boolean);
  const unknownTag = tags?.find((t) => !TAGS.includes(t));
  if (unknownTag) throw new UsageError(`unknown tag '${unknownTag}' in --tags (${TAGS.join(', ')})`);
  if (args.shape !== undefined && !(args.shape in LOCUST_SHAPES)) throw new UsageError(`unknown --shape '${args.shape}' (${Object.keys(LOCUST_SHAPES).join(', ')})`);
  const durationS = positive('duration', args.duration);
  const maxRequests = positive('max-requests', args['max-requests'], true);
  const workers = nonNegative('workers', args.workers, true) ?? 0;
  const expectWorkers = nonNegative('expect-workers', args['expect-workers'], true) ?? workers;
  if (expectWorkers < workers) throw new UsageError(`--expect-workers (${expectWorkers}) counts every worker, so it cannot be fewer than --workers (${workers})`);
  const bindHost = args['master-bind-host'] ?? '127.0.0.1';
  const remoteWorkers = expectWorkers - workers;
  if (remoteWorkers > 0 && isLoopbackHost(bindHost)) throw new UsageError(`--expect-workers ${expectWorkers} with --workers ${workers} waits for workers on other hosts: give --master-bind-host an address they can reach (e.g. 0.0.0.0 or this host's address)`);
  if (args['master-bind-host'] !== undefined && expectWorkers === 0) throw new UsageError('--master-bind-host needs --workers or --expect-workers');
  const masterPort = positive('master-port', args['master-port'], true) ?? (remoteWorkers > 0 ? LOCUST_MASTER_PORT : undefined);
  const webHost = args['web-host'] ?? '127.0.0.1';
  const webPort = positive('web-port', args['web-port'], true) ?? 8089;
  if (!args.web && (args['web-host'] !== undefined || args['web-port'] !== undefined)) throw new UsageError('--web-host and --web-port need --web');
  const thresholds = cliThresholds({ http_req_failed: ['rate<0.01'] }, args.threshold, args['no-default-thresholds']!);
  const notice = args.url ? remoteTargetNotice(args.url, { duration: durationS, 'max-requests': maxRequests }) : undefined;
  if (notice) console.error(notice);
  if (!locustPath()) {
    console.error(`load: ${LOCUST_INSTALL_HINT}`);
    return EXIT.runFailed;
  }

  let server: MarkingApiProcess | undefined;
  try {
    let url = args.url;
    if (!url) {
      server = await startMarkingApiProcess();
      url = server.url;
      console.error(`load: started marking-api at ${url} (pid ${server.pid})`);
    }
    const runTimeS = durationS ?? (maxRequests ? MAX_REQUESTS_DURATION_S : DEFAULT_DURATION_S);
    const users = positive('users', args.users, true) ?? profile.users;
    console.error(`load: locust ${userClass}, ${users} users for ${runTimeS} s${maxRequests ? ` or ${maxRequests} requests` : ''} against ${url}${expectWorkers ? `, master + ${expectWorkers} workers (${workers} here)` : ''}`);
    if (args.web) {
      console.error(`load: Locust web UI at http://${webHost}:${webPort}/${isLoopbackHost(webHost) ? '' : ' (reachable from other hosts; it has no authentication)'}`);
    }
    const result = await runLocust({
      url,
      userClass,
      users,
      spawnRate: positive('spawn-rate', args['spawn-rate']) ?? profile.spawnRate,
      runTimeS,
      maxRequests,
      tags,
      shape: args.shape as keyof typeof LOCUST_SHAPES | undefined,
      workers,
      expectWorkers,
      masterBindHost: bindHost,
      masterPort,
      web: args.web ? { host: webHost, port: webPort } : undefined,
      thinkScale: nonNegative('think-scale', args['think-scale']) ?? 1,
      tmaTexts: Array.from({ length: 16 }, (_, i) => generateTma('medium', i + 1).text),
      thresholds,
      csvDir: args['csv-dir'],
      onMasterReady: ({ bindHost: host, port }) => {
        console.error(`load: locust master listening on ${host}:${port}`);
        if (remoteWorkers > 0) {
          const reach = host === '0.0.0.0' || host === '*' ? (externalAddress() ?? '<this host>') : host;
          const command = locustWorkerCommand(reach, port);
          console.error(`load: waiting for ${remoteWorkers} worker(s) from other hosts; on each, from a checkout of this repo, run:`);
          console.error(`  ${command.load}`);
          console.error(`  (or plain Locust: ${command.locust})`);
        }
      },
    });
    console.log(formatLoadResult(result));
    if (args.json) await writeResultJson(args.json, result);
    const accounting = lostWorkerRequests(result);
    if (accounting && accounting.lost !== 0) {
      console.error(`load: the workers made ${accounting.workerSum} requests but the master counted ${result.requests} (exit ${EXIT.runFailed})`);
      return EXIT.runFailed;
    }
    return resultExitCode(result, thresholds.length, (line) => console.error(line));
  } catch (err) {
    console.error(`load: ${(err as Error).message}`);
    return EXIT.runFailed;
  } finally {
    await server?.stop(5000);
  }
}
