// The `kubernetes` driver: one execution is one batch/v1 Job in a namespace of a GPU cluster. The Job runs
// the agent's image once (backoffLimit 0: the queue owns retries, a second attempt inside the cluster would
// run, and charge, the agent twice), with the GPUs and the node the GPU manager leased. The input and the
// agent's secrets go in a Secret the container reads as environment, so neither is in the Job spec (which
// any namespace reader, `kubectl describe` and audit logs see). The agent prints its output as the last line
// of its log, as JSON; everything before it is the run's logs.
//
// Order of work: create the Job, then the Secret owned by it (an ownerReference to the Job's uid), so that if
// this worker dies before its cleanup, the Job's ttlSecondsAfterFinished removes the Job and the garbage
// collector removes the Secret with it: no stray Secret holding an agent's keys. Until the Secret exists the
// kubelet holds the container (CreateContainerConfigError) and retries, which costs milliseconds.
// A Job that already exists under the execution's name is a previous attempt of this same execution (the
// worker crashed and the queue retried): it is adopted and watched, never duplicated.
import { createHash } from 'node:crypto';
import {
  ApiException,
  BatchV1Api,
  type ConfigurationOptions,
  CoreV1Api,
  type KubeConfig,
  Observable,
  type V1Job,
  type V1Pod,
  type V1Secret,
  Watch,
} from '@kubernetes/client-node';
import type { Logger } from '../../../service/logger.ts';
import { createLogger } from '../../../service/logger.ts';
import { type ExecutionDriver, MAX_OUTPUT_BYTES, type RunErrorCode, type RunRequest, type RunResult, retryable, tailLogs } from '../driver.ts';

export type KubernetesDriverOptions = {
  kubeConfig: KubeConfig;
  /** The namespace the Jobs and Secrets are created in (it must exist; the driver's account needs create/get/list/watch/delete on jobs and secrets, get/list on pods and pods/log). */
  namespace: string;
  /** The extended resource GPUs are requested as. Default 'nvidia.com/gpu' (the NVIDIA device plugin). */
  gpuResource?: 'nvidia.com/gpu';
  /** The node label holding the GPU model, matched against the model. Default 'nvidia.com/gpu.product' (GPU feature discovery). */
  nodeSelectorLabel?: string;
  /** How often pods are inspected (image pull errors) and, once the watch has dropped, the Job is read. Default 2000 ms. */
  pollIntervalMs?: number;
  /** Set on every Job so the cluster removes it (and its Secret) if this process dies before its cleanup. Default 600 s. */
  ttlSecondsAfterFinished?: number;
  /** Bound on each API call (create, read, list, delete), so a hung API server cannot hold a run. Default 30 000 ms. */
  requestTimeoutMs?: number;
  /** How long past `timeoutSeconds` the driver waits for the cluster to report the deadline before it calls the run timed out itself. Default 60 000 ms. */
  deadlineGraceMs?: number;
  logger?: Logger;
};

const CONTAINER_NAME = 'agent';
/** Environment variables the driver sets; an agent secret cannot take these names. */
const INPUT_VARIABLE = 'CR8_INPUT';
const EXECUTION_ID_VARIABLE = 'CR8_EXECUTION_ID';
const EXECUTION_ANNOTATION = 'cr8.io/execution-id';
const AGENT_ANNOTATION = 'cr8.io/agent-id';
/** Waiting reasons that mean the image can never start: the agent's config is at fault, waiting until the deadline would only waste the lease. */
const BAD_IMAGE_REASONS = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull']);
/** Secret values shorter than this are not redacted from logs: masking every "on" or "1" would garble them and hide nothing. */
const MIN_REDACTED_LENGTH = 4;

/**
 * The name of an execution's Job (and Secret): DNS-1123 label, at most 63 characters, the same on every attempt
 * (that is what lets a retried worker find the Job it created before it crashed). An execution id that is not
 * already a lowercase label is shortened and suffixed with a hash of the original, so two ids cannot meet.
 */
export function kubernetesResourceName(executionId: string): string {
  const prefix = 'cr8-';
  if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(executionId) && prefix.length + executionId.length <= 63) return prefix + executionId;
  const hash = createHash('sha256').update(executionId).digest('hex').slice(0, 12);
  const slug = executionId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 63 - prefix.length - hash.length - 1)
    .replace(/^-+|-+$/g, '');
  return slug ? `${prefix}${slug}-${hash}` : `${prefix}${hash}`;
}

/** A label value (≤ 63 characters of a restricted alphabet); anything else becomes a hash. The exact id is also kept as an annotation. */
function labelValue(value: string): string {
  if (value.length <= 63 && /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/.test(value)) return value;
  return `h-${createHash('sha256').update(value).digest('hex').slice(0, 40)}`;
}

type JobOutcome =
  | { kind: 'complete' }
  | { kind: 'failed'; reason: string; message: string }
  | { kind: 'bad-image'; message: string }
  | { kind: 'deleted' }
  | { kind: 'cancelled' }
  | { kind: 'no-verdict'; apiError: unknown };

type Failure = { code: RunErrorCode; message: string };

export function createKubernetesDriver(options: KubernetesDriverOptions): ExecutionDriver {
  const { kubeConfig, namespace } = options;
  const gpuResource = options.gpuResource ?? 'nvidia.com/gpu';
  const nodeSelectorLabel = options.nodeSelectorLabel ?? 'nvidia.com/gpu.product';
  const pollIntervalMs = options.pollIntervalMs ?? 2_000;
  const ttlSecondsAfterFinished = options.ttlSecondsAfterFinished ?? 600;
  const requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
  const deadlineGraceMs = options.deadlineGraceMs ?? 60_000;
  const logger = options.logger ?? createLogger({ service: 'kubernetes-driver', level: 'silent' });
  const batch = kubeConfig.makeApiClient(BatchV1Api);
  const core = kubeConfig.makeApiClient(CoreV1Api);
  const watcher = new Watch(kubeConfig);
  const inFlight = new Map<AbortController, Promise<RunResult>>();
  let closed = false;

  /** Per-call options: the client has no timeout of its own, so a middleware puts one (and the run's cancellation) on each request. */
  function call(signal?: AbortSignal): ConfigurationOptions {
    const timeout = AbortSignal.timeout(requestTimeoutMs);
    const bound = signal ? AbortSignal.any([signal, timeout]) : timeout;
    return {
      middleware: [
        {
          pre: (context) => {
            context.setSignal(bound);
            return new Observable(Promise.resolve(context));
          },
          post: (context) => new Observable(Promise.resolve(context)),
        },
      ],
      middlewareMergeStrategy: 'append',
    };
  }

  function jobManifest(request: RunRequest, name: string): V1Job {
    const { config, placement } = request;
    const gpuCount = config.gpu?.count ?? 0;
    const model = placement?.gpuModel ?? config.gpu?.model;
    const nodeSelector: Record<string, string> = {};
    if (model) nodeSelector[nodeSelectorLabel] = model;
    if (placement) nodeSelector['kubernetes.io/hostname'] = placement.node;
    const labels = { 'app.kubernetes.io/managed-by': 'cr8', [EXECUTION_ANNOTATION]: labelValue(request.executionId), [AGENT_ANNOTATION]: labelValue(request.agentId) };
    return {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name, namespace, labels, annotations: { [EXECUTION_ANNOTATION]: request.executionId, [AGENT_ANNOTATION]: request.agentId } },
      spec: {
        backoffLimit: 0,
        // Counts from the Job's start, so image pull and scheduling come out of the agent's time: the same
        // wall clock the caller is billed against.
        activeDeadlineSeconds: config.timeoutSeconds,
        ttlSecondsAfterFinished,
        template: {
          metadata: { labels },
          spec: {
            restartPolicy: 'Never',
            // The agent is untrusted code: no credentials for the cluster, no service links in its environment.
            automountServiceAccountToken: false,
            enableServiceLinks: false,
            ...(Object.keys(nodeSelector).length > 0 ? { nodeSelector } : {}),
            // GPU nodes are commonly tainted so only GPU work lands there.
            ...(gpuCount > 0 ? { tolerations: [{ key: gpuResource, operator: 'Exists', effect: 'NoSchedule' }] } : {}),
            securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
            containers: [
              {
                name: CONTAINER_NAME,
                image: config.image,
                ...(config.command ? { command: config.command } : {}),
                env: [{ name: EXECUTION_ID_VARIABLE, value: request.executionId }],
                envFrom: [{ secretRef: { name } }],
                ...(gpuCount > 0 ? { resources: { limits: { [gpuResource]: String(gpuCount) } } } : {}),
                securityContext: { runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
                // The root filesystem is read-only; most runtimes still need a scratch directory.
                volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
              },
            ],
            volumes: [{ name: 'tmp', emptyDir: {} }],
          },
        },
      },
    };
  }

  function secretManifest(request: RunRequest, name: string, job: V1Job): V1Secret {
    return {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: {
        name,
        namespace,
        labels: { 'app.kubernetes.io/managed-by': 'cr8', [EXECUTION_ANNOTATION]: labelValue(request.executionId) },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata?.uid ?? '' }],
      },
      type: 'Opaque',
      immutable: true,
      stringData: { ...request.secrets, [INPUT_VARIABLE]: JSON.stringify(request.input) },
    };
  }

  /** Creates the Job, or adopts the one a previous attempt of this execution created. */
  async function createOrAdoptJob(request: RunRequest, name: string, signal: AbortSignal): Promise<V1Job | Failure> {
    try {
      return await batch.createNamespacedJob({ namespace, body: jobManifest(request, name) }, call(signal));
    } catch (error) {
      if (!(error instanceof ApiException) || error.code !== 409) throw error;
    }
    const existing = await batch.readNamespacedJob({ name, namespace }, call(signal));
    if (existing.metadata?.annotations?.[EXECUTION_ANNOTATION] !== request.executionId) {
      // Same name, another execution: only possible through a hash collision or a hand-made Job. Never touch it.
      return { code: 'UNAVAILABLE', message: `a Job named ${name} exists in ${namespace} for another execution` };
    }
    logger.info({ executionId: request.executionId, job: name }, 'adopting the Job a previous attempt created');
    return existing;
  }

  async function createSecret(request: RunRequest, name: string, job: V1Job, signal: AbortSignal): Promise<void> {
    const body = secretManifest(request, name, job);
    try {
      await core.createNamespacedSecret({ namespace, body }, call(signal));
      return;
    } catch (error) {
      if (!(error instanceof ApiException) || error.code !== 409) throw error;
    }
    // A previous attempt of this execution created it (same input, same secrets). If it belongs to a Job that
    // no longer exists, the garbage collector is about to delete it: replace it with one owned by this Job.
    const existing = await core.readNamespacedSecret({ name, namespace }, call(signal));
    if (existing.metadata?.ownerReferences?.some((owner) => owner.uid === job.metadata?.uid)) return;
    await core.deleteNamespacedSecret({ name, namespace }, call(signal));
    await core.createNamespacedSecret({ namespace, body }, call(signal));
  }

  /** Watches the Job until it completes or fails; pods are polled meanwhile for images that cannot start. */
  function waitForJob(name: string, timeoutSeconds: number, signal: AbortSignal): Promise<JobOutcome> {
    return new Promise((resolve) => {
      let settled = false;
      let watchAlive = true;
      let watchController: AbortController | undefined;
      let pollTimer: NodeJS.Timeout | undefined;
      let deadlineTimer: NodeJS.Timeout | undefined;
      let lastApiError: unknown = null;

      const settle = (outcome: JobOutcome) => {
        if (settled) return;
        settled = true;
        clearTimeout(pollTimer);
        clearTimeout(deadlineTimer);
        signal.removeEventListener('abort', onAbort);
        watchController?.abort();
        resolve(outcome);
      };
      const onAbort = () => settle({ kind: 'cancelled' });
      const observe = (job: V1Job) => {
        const outcome = jobOutcome(job);
        if (outcome) settle(outcome);
      };

      if (signal.aborted) return settle({ kind: 'cancelled' });
      signal.addEventListener('abort', onAbort, { once: true });
      // The cluster enforces activeDeadlineSeconds; this only ends the wait if it never says so (controller down, watch and reads failing).
      deadlineTimer = setTimeout(() => settle({ kind: 'no-verdict', apiError: lastApiError }), timeoutSeconds * 1000 + deadlineGraceMs);

      const dropWatch = (reason: unknown) => {
        if (settled || !watchAlive) return;
        watchAlive = false;
        watchController?.abort();
        logger.debug({ job: name, err: reason }, 'Job watch ended; polling the Job instead');
      };
      watcher
        .watch(
          `/apis/batch/v1/namespaces/${encodeURIComponent(namespace)}/jobs`,
          { fieldSelector: `metadata.name=${name}` },
          (type, object) => {
            if (settled) return;
            if (type === 'DELETED') settle({ kind: 'deleted' });
            else if (type === 'ERROR') dropWatch(object);
            else observe(object as V1Job);
          },
          (error) => dropWatch(error),
        )
        .then(
          (controller) => {
            watchController = controller;
            if (settled || !watchAlive) controller.abort();
          },
          (error) => dropWatch(error),
        );

      const poll = async () => {
        try {
          if (!watchAlive) {
            try {
              observe(await batch.readNamespacedJob({ name, namespace }, call(signal)));
            } catch (error) {
              if (error instanceof ApiException && error.code === 404) return settle({ kind: 'deleted' });
              throw error;
            }
          }
          if (settled) return;
          const pods = await listPods(name, signal);
          const stuck = pods.map(badImage).find((message) => message !== null);
          if (stuck) settle({ kind: 'bad-image', message: stuck });
          lastApiError = null;
        } catch (error) {
          // Transient: the next tick tries again; the deadline timer bounds how long.
          lastApiError = error;
          if (!settled) logger.debug({ job: name, err: error }, 'polling the Job failed');
        } finally {
          if (!settled) pollTimer = setTimeout(poll, pollIntervalMs);
        }
      };
      pollTimer = setTimeout(poll, pollIntervalMs);
    });
  }

  async function listPods(jobName: string, signal?: AbortSignal): Promise<V1Pod[]> {
    const list = await core.listNamespacedPod({ namespace, labelSelector: `job-name=${jobName}` }, call(signal));
    // Newest first: with backoffLimit 0 there is one pod, unless one was evicted and replaced.
    return [...list.items].sort((a, b) => time(b.metadata?.creationTimestamp) - time(a.metadata?.creationTimestamp));
  }

  /**
   * The log of the Job's newest pod ('' when there is none). Read whole: the output is its last line, and the
   * API cannot serve the tail by bytes; the kubelet's log rotation (containerLogMaxSize, 10 MiB by default)
   * bounds what it returns.
   */
  async function readLog(pod: V1Pod | undefined): Promise<string> {
    const podName = pod?.metadata?.name;
    if (!podName) return '';
    const text = await core.readNamespacedPodLog({ name: podName, namespace, container: CONTAINER_NAME }, call());
    return typeof text === 'string' ? text : '';
  }

  async function cleanUp(name: string): Promise<void> {
    const results = await Promise.allSettled([
      // Background: the Job goes now, its pod (and the Secret it owns) right after; the run's result does not wait on the kubelet.
      batch.deleteNamespacedJob({ name, namespace, propagationPolicy: 'Background' }, call()),
      core.deleteNamespacedSecret({ name, namespace }, call()),
    ]);
    for (const [index, result] of results.entries()) {
      if (result.status === 'rejected' && !(result.reason instanceof ApiException && result.reason.code === 404)) {
        logger.warn({ resource: index === 0 ? `jobs/${name}` : `secrets/${name}`, namespace, err: describeApiError(result.reason) }, "deleting a run's resources failed; the Job TTL and garbage collector remove them later");
      }
    }
  }

  async function execute(request: RunRequest, signal: AbortSignal): Promise<Omit<Extract<RunResult, { ok: true }>, 'startedAt' | 'finishedAt'> | (Failure & { logs: string })> {
    const problem = configProblem(request);
    if (problem) return { code: 'BAD_CONFIG', message: problem, logs: '' };
    const name = kubernetesResourceName(request.executionId);
    const redact = redactor(request.secrets);
    let job: V1Job | Failure;
    try {
      job = await createOrAdoptJob(request, name, signal);
      if ('code' in job) return { ...job, logs: '' };
      await createSecret(request, name, job, signal);
    } catch (error) {
      await cleanUp(name);
      if (signal.aborted) return { code: 'CANCELLED', message: 'the run was cancelled', logs: '' };
      return { ...createFailure(error), logs: '' };
    }

    try {
      const outcome = await waitForJob(name, request.config.timeoutSeconds, signal);
      switch (outcome.kind) {
        case 'cancelled':
          return { code: 'CANCELLED', message: 'the run was cancelled', logs: '' };
        case 'deleted':
          return { code: 'UNAVAILABLE', message: `the Job ${name} was deleted before it finished`, logs: '' };
        case 'no-verdict':
          return outcome.apiError
            ? { code: 'UNAVAILABLE', message: `the Kubernetes API was unreachable until past the deadline: ${describeApiError(outcome.apiError)}`, logs: '' }
            : { code: 'TIMEOUT', message: `the run did not finish within ${request.config.timeoutSeconds} s`, logs: '' };
        case 'bad-image':
          return { code: 'BAD_CONFIG', message: `the image cannot start: ${outcome.message}`, logs: '' };
        case 'complete': {
          const pod = (await listPods(name))[0];
          // Removed behind our back (pod GC, a person): the output is lost, which is not the agent's doing.
          if (!pod) return { code: 'UNAVAILABLE', message: `the Job ${name} completed but its pod is gone, and the output with it`, logs: '' };
          return parseOutput(await readLog(pod), redact);
        }
        case 'failed': {
          const pod = (await listPods(name).catch(() => []))[0];
          const logs = redact(await readLog(pod).catch(() => ''));
          return { ...failureOf(outcome, pod, request.config.timeoutSeconds), logs: tailLogs('', logs) };
        }
      }
    } catch (error) {
      return { ...apiFailure(error), logs: '' };
    } finally {
      await cleanUp(name);
    }
  }

  return {
    runtime: 'kubernetes',

    async run(request: RunRequest): Promise<RunResult> {
      const startedAt = new Date();
      const controller = new AbortController();
      const signal = AbortSignal.any([request.signal, controller.signal]);
      const result = (async (): Promise<RunResult> => {
        const outcome = closed
          ? { code: 'UNAVAILABLE' as const, message: 'the driver is closed', logs: '' }
          : signal.aborted
            ? { code: 'CANCELLED' as const, message: 'the run was cancelled before it started', logs: '' }
            : await execute(request, signal);
        const finishedAt = new Date();
        if ('code' in outcome) return { ok: false, code: outcome.code, message: outcome.message, retryable: retryable[outcome.code], logs: outcome.logs, startedAt, finishedAt };
        return { ...outcome, startedAt, finishedAt };
      })();
      inFlight.set(controller, result);
      try {
        return await result;
      } finally {
        inFlight.delete(controller);
      }
    },

    async close(): Promise<void> {
      closed = true;
      for (const controller of inFlight.keys()) controller.abort();
      await Promise.allSettled(inFlight.values());
    },
  };
}

function configProblem(request: RunRequest): string | null {
  const { config, secrets } = request;
  if (config.runtime !== 'kubernetes') return `runtime ${config.runtime} cannot run on the kubernetes driver`;
  if (!config.image) return 'a kubernetes agent needs an image';
  for (const reserved of [INPUT_VARIABLE, EXECUTION_ID_VARIABLE]) {
    if (Object.hasOwn(secrets, reserved)) return `the secret name ${reserved} is reserved for the driver`;
  }
  return null;
}

function jobOutcome(job: V1Job): JobOutcome | null {
  const conditions = job.status?.conditions ?? [];
  if (conditions.some((condition) => condition.type === 'Complete' && condition.status === 'True')) return { kind: 'complete' };
  const failed = conditions.find((condition) => condition.type === 'Failed' && condition.status === 'True');
  return failed ? { kind: 'failed', reason: failed.reason ?? '', message: failed.message ?? '' } : null;
}

function badImage(pod: V1Pod): string | null {
  for (const status of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
    const waiting = status.state?.waiting;
    if (waiting?.reason && BAD_IMAGE_REASONS.has(waiting.reason)) return `${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`;
  }
  return null;
}

function failureOf(outcome: Extract<JobOutcome, { kind: 'failed' }>, pod: V1Pod | undefined, timeoutSeconds: number): Failure {
  if (outcome.reason === 'DeadlineExceeded') return { code: 'TIMEOUT', message: `the run did not finish within ${timeoutSeconds} s` };
  // Evicted or preempted (node drain, node failure, a higher-priority pod): the infrastructure's fault, not the agent's.
  if (pod?.status?.conditions?.some((condition) => condition.type === 'DisruptionTarget' && condition.status === 'True')) {
    return { code: 'UNAVAILABLE', message: `the pod was disrupted: ${pod.status.reason ?? outcome.message}` };
  }
  const terminated = pod?.status?.containerStatuses?.find((status) => status.name === CONTAINER_NAME)?.state?.terminated;
  if (terminated?.reason === 'OOMKilled') return { code: 'MEMORY_LIMIT', message: 'the agent went over its memory limit (OOMKilled)' };
  if (terminated) return { code: 'AGENT_FAILED', message: `the agent exited with code ${terminated.exitCode}${terminated.reason ? ` (${terminated.reason})` : ''}` };
  return { code: 'AGENT_FAILED', message: `the Job failed: ${outcome.reason || 'unknown reason'}${outcome.message ? `: ${outcome.message}` : ''}` };
}

/** The output is the log's last non-empty line, as JSON; the lines before it are the logs. */
function parseOutput(log: string, redact: (text: string) => string): { ok: true; output: unknown; logs: string } | (Failure & { logs: string }) {
  const trimmed = log.replace(/\s+$/, '');
  const cut = trimmed.lastIndexOf('\n');
  const lastLine = trimmed.slice(cut + 1).trim();
  const before = redact(cut >= 0 ? trimmed.slice(0, cut + 1) : '');
  const logs = tailLogs('', before);
  if (!lastLine) return { code: 'MALFORMED_OUTPUT', message: 'the agent printed nothing; its last log line must be its output as JSON', logs };
  if (Buffer.byteLength(lastLine) > MAX_OUTPUT_BYTES) return { code: 'MALFORMED_OUTPUT', message: `the output is larger than ${MAX_OUTPUT_BYTES} bytes`, logs };
  try {
    return { ok: true, output: JSON.parse(lastLine), logs };
  } catch {
    // The last line is not output after all: keep it in the logs so the developer sees what was printed.
    return { code: 'MALFORMED_OUTPUT', message: 'the last log line is not JSON', logs: tailLogs(logs, redact(lastLine)) };
  }
}

/** Agent secrets are the agent's to use, not to show: values that the agent printed are masked in the logs kept. */
function redactor(secrets: Readonly<Record<string, string>>): (text: string) => string {
  const values = Object.values(secrets)
    .filter((value) => value.length >= MIN_REDACTED_LENGTH)
    .sort((a, b) => b.length - a.length);
  return (text) => values.reduce((masked, value) => masked.split(value).join('[redacted]'), text);
}

/** Errors while creating: a request the API server refuses as invalid is the agent config's fault; anything else is the cluster's. */
function createFailure(error: unknown): Failure {
  if (error instanceof ApiException && [400, 413, 422].includes(error.code)) {
    return { code: 'BAD_CONFIG', message: `the cluster refused the run: ${describeApiError(error)}` };
  }
  return apiFailure(error);
}

/**
 * Everything else is UNAVAILABLE (retryable): 5xx, connection errors and timeouts, but also 401/403 (the
 * driver's credentials or a ResourceQuota), 404 (no such namespace) and 429: none is the agent's doing, and a
 * permanent failure would make the payer pay for an operator's mistake.
 */
function apiFailure(error: unknown): Failure {
  return { code: 'UNAVAILABLE', message: `the Kubernetes API failed: ${describeApiError(error)}` };
}

/** A short description: ApiException's own message carries the response headers and body. */
function describeApiError(error: unknown): string {
  if (error instanceof ApiException) {
    let status: { reason?: unknown; message?: unknown } | undefined;
    try {
      status = typeof error.body === 'string' ? JSON.parse(error.body) : (error.body as typeof status);
    } catch {
      status = undefined;
    }
    const detail = [status?.reason, status?.message].filter((part) => typeof part === 'string' && part).join(': ');
    return `HTTP ${error.code}${detail ? ` ${detail}` : ''}`;
  }
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function time(value: Date | string | undefined): number {
  return value ? new Date(value).getTime() : 0;
}
