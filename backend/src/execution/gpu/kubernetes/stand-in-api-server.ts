// A stand-in for the Kubernetes API server, for the kubernetes driver's tests: node:http on 127.0.0.1, only
// the endpoints the driver uses (secrets and jobs: create, read, list, watch, delete; pods: list, read, log),
// in the wire format of the real one (JSON objects, Status objects for errors, JSON-lines watch streams).
// It checks what it receives the way the real server does, so a driver that sends a Job the cluster would
// refuse fails here too: names that are not DNS-1123, restartPolicy other than Never/OnFailure, containers
// without an image, quantities that are not quantities, duplicates (409), unknown objects (404), a missing
// bearer token (401). Where it is stricter than the real server it says so.
//
// In place of the controllers and the kubelet, a script moves each Job through its life according to what
// its image does (the test's behaviour table): a pod is created, waits for the Secrets its environment
// needs (CreateContainerConfigError until they exist), pulls (or fails to), runs, and terminates; the Job
// gets its Complete / Failed conditions, activeDeadlineSeconds and backoffLimit are enforced, deleting a Job
// with propagationPolicy Background or Foreground deletes its pods and the objects it owns, and
// ttlSecondsAfterFinished deletes finished Jobs.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What an image does once its container starts; `logs` may depend on the container's environment (the Secret's values included). */
export type ImageBehaviour =
  | { outcome: 'succeed'; logs: string | ((env: Record<string, string>) => string); runMs?: number }
  | { outcome: 'exit'; exitCode: number; logs?: string | ((env: Record<string, string>) => string); runMs?: number }
  | { outcome: 'oom'; logs?: string; runMs?: number }
  /** Runs until the Job's activeDeadlineSeconds (or a deletion) stops it. */
  | { outcome: 'hang'; logs?: string }
  /** The image cannot be pulled. Images missing from the table behave as `{ outcome: 'pull-error' }`. */
  | { outcome: 'pull-error'; reason?: 'ErrImagePull' | 'InvalidImageName' };

export type RecordedRequest = { method: string; path: string; query: Record<string, string>; body: unknown; status: number };

type Resource = 'secrets' | 'jobs' | 'pods' | 'log';

export type StandInApiServer = {
  /** http://127.0.0.1:<port> */
  readonly url: string;
  /** Every request, in order, with its parsed JSON body and the status answered. */
  readonly requests: RecordedRequest[];
  /** Names of every pod the script created, deleted or not (a Job that ran twice shows twice). */
  readonly podsCreated: string[];
  /** The stored objects of a kind in a namespace (copies). */
  list(resource: 'secrets' | 'jobs' | 'pods', namespace: string): Json[];
  setBehaviour(image: string, behaviour: ImageBehaviour): void;
  /** Ends every open watch stream, as an API server restart or a load balancer timeout would. */
  dropWatches(): void;
  /** The next request of that method to that resource is answered with `code` (500, 503, ...) and not carried out. */
  failNext(method: string, resource: Resource, code: number): void;
  close(): Promise<void>;
};

export type StandInApiServerOptions = {
  /** The bearer token every request must carry. */
  token: string;
  images: Record<string, ImageBehaviour>;
  /** The step of the scripted kubelet (scheduling, pulling, starting). Default 20 ms. */
  tickMs?: number;
};

// Kubernetes objects are free-form JSON on the wire; the stand-in reads and writes them as such.
type Json = Record<string, any>;
type Cause = { reason: string; message: string; field: string };
type Watcher = { resource: 'jobs'; namespace: string; name: string | undefined; labels: Selector; response: ServerResponse };
type Selector = Array<{ key: string; op: '=' | '!=' | 'exists' | '!exists'; value?: string }>;

const GROUPS: Record<'secrets' | 'jobs' | 'pods', { group: string; kind: string; apiVersion: string }> = {
  secrets: { group: '', kind: 'Secret', apiVersion: 'v1' },
  jobs: { group: 'batch', kind: 'Job', apiVersion: 'batch/v1' },
  pods: { group: '', kind: 'Pod', apiVersion: 'v1' },
};
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|([eE][+-]?\d+))?$/;
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^([A-Za-z0-9+/]{4})*([A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const STANDARD_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
const MAX_BODY_BYTES = 3 * 1024 * 1024;
const MAX_SECRET_BYTES = 1024 * 1024;

export async function startStandInApiServer(options: StandInApiServerOptions): Promise<StandInApiServer> {
  const tickMs = options.tickMs ?? 20;
  const images = new Map(Object.entries(options.images));
  const store: Record<'secrets' | 'jobs' | 'pods', Map<string, Json>> = { secrets: new Map(), jobs: new Map(), pods: new Map() };
  const podLogs = new Map<string, string>();
  const timers = new Map<string, Set<NodeJS.Timeout>>();
  const watchers = new Set<Watcher>();
  const requests: RecordedRequest[] = [];
  const podsCreated: string[] = [];
  const failures: Array<{ method: string; resource: Resource; code: number }> = [];
  let resourceVersion = 1;

  const key = (namespace: string, name: string) => `${namespace}/${name}`;
  const now = () => new Date().toISOString();
  const copy = (object: Json): Json => structuredClone(object);

  // --- the scripted controllers and kubelet ---------------------------------------------------------------

  function later(owner: string, ms: number, step: () => void): void {
    const set = timers.get(owner) ?? new Set();
    timers.set(owner, set);
    const timer = setTimeout(() => {
      set.delete(timer);
      step();
    }, ms);
    set.add(timer);
  }

  function stopTimers(owner: string): void {
    for (const timer of timers.get(owner) ?? []) clearTimeout(timer);
    timers.delete(owner);
  }

  function save(resource: 'secrets' | 'jobs' | 'pods', object: Json, event: 'ADDED' | 'MODIFIED'): void {
    object.metadata.resourceVersion = String(++resourceVersion);
    store[resource].set(key(object.metadata.namespace, object.metadata.name), object);
    notify(resource, event, object);
  }

  function remove(resource: 'secrets' | 'jobs' | 'pods', namespace: string, name: string): Json | undefined {
    const object = store[resource].get(key(namespace, name));
    if (!object) return undefined;
    store[resource].delete(key(namespace, name));
    stopTimers(`${resource}/${key(namespace, name)}`);
    object.metadata.resourceVersion = String(++resourceVersion);
    notify(resource, 'DELETED', object);
    return object;
  }

  function notify(resource: 'secrets' | 'jobs' | 'pods', type: string, object: Json): void {
    if (resource !== 'jobs') return;
    for (const watcher of watchers) {
      if (watcher.namespace !== object.metadata.namespace) continue;
      if (watcher.name !== undefined && watcher.name !== object.metadata.name) continue;
      if (!matches(watcher.labels, object.metadata.labels ?? {})) continue;
      watcher.response.write(`${JSON.stringify({ type, object })}\n`);
    }
  }

  function startJob(job: Json): void {
    const owner = `jobs/${key(job.metadata.namespace, job.metadata.name)}`;
    later(owner, tickMs, () => {
      job.status = { ...job.status, startTime: now(), active: 1, ready: 0, failed: 0, succeeded: 0 };
      save('jobs', job, 'MODIFIED');
      createPod(job);
      const deadline = job.spec.activeDeadlineSeconds;
      if (deadline) later(owner, deadline * 1000, () => deadlineExceeded(job));
    });
  }

  function finished(job: Json): boolean {
    return (job.status?.conditions ?? []).some((condition: Json) => (condition.type === 'Complete' || condition.type === 'Failed') && condition.status === 'True');
  }

  function jobPods(job: Json): Json[] {
    return [...store.pods.values()].filter((pod) => pod.metadata.ownerReferences?.some((owner: Json) => owner.uid === job.metadata.uid));
  }

  function createPod(job: Json): void {
    const template = job.spec.template;
    const name = `${job.metadata.name}-${Math.random().toString(36).slice(2, 7).padEnd(5, 'x')}`;
    const pod: Json = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace: job.metadata.namespace,
        uid: randomUUID(),
        creationTimestamp: now(),
        labels: { ...(template.metadata?.labels ?? {}), ...job.spec.selector.matchLabels, 'batch.kubernetes.io/job-name': job.metadata.name, 'job-name': job.metadata.name },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: { ...copy(template.spec), nodeName: template.spec.nodeSelector?.['kubernetes.io/hostname'] ?? 'gpu-node-1' },
      status: {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: now() }],
        containerStatuses: template.spec.containers.map((container: Json) => ({
          name: container.name,
          image: container.image,
          imageID: '',
          ready: false,
          restartCount: 0,
          started: false,
          state: { waiting: { reason: 'ContainerCreating' } },
        })),
      },
    };
    podsCreated.push(name);
    save('pods', pod, 'ADDED');
    later(`pods/${key(pod.metadata.namespace, name)}`, tickMs, () => startContainer(job, pod));
  }

  /** The container's environment as the kubelet builds it, or why it cannot (a Secret or key missing). */
  function environment(pod: Json, container: Json): { env: Record<string, string> } | { error: string } {
    const env: Record<string, string> = {};
    const secretData = (name: string): Record<string, string> | null => {
      const secret = store.secrets.get(key(pod.metadata.namespace, name));
      if (!secret) return null;
      return Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(String(v), 'base64').toString('utf8')]));
    };
    for (const source of container.envFrom ?? []) {
      if (!source.secretRef) continue;
      const data = secretData(source.secretRef.name);
      if (!data) {
        if (source.secretRef.optional) continue;
        return { error: `secret "${source.secretRef.name}" not found` };
      }
      Object.assign(env, data);
    }
    for (const variable of container.env ?? []) {
      if (variable.valueFrom?.secretKeyRef) {
        const ref = variable.valueFrom.secretKeyRef;
        const data = secretData(ref.name);
        if (!data) return { error: `secret "${ref.name}" not found` };
        if (!(ref.key in data)) return { error: `couldn't find key ${ref.key} in Secret ${pod.metadata.namespace}/${ref.name}` };
        env[variable.name] = data[ref.key] ?? '';
      } else env[variable.name] = variable.value ?? '';
    }
    return { env };
  }

  function setContainer(pod: Json, state: Json, extra: Json = {}): void {
    pod.status.containerStatuses[0] = { ...pod.status.containerStatuses[0], state, ...extra };
  }

  function startContainer(job: Json, pod: Json): void {
    if (!store.pods.has(key(pod.metadata.namespace, pod.metadata.name))) return;
    const podOwner = `pods/${key(pod.metadata.namespace, pod.metadata.name)}`;
    const container = pod.spec.containers[0];
    const behaviour = images.get(container.image) ?? { outcome: 'pull-error' as const };
    if (behaviour.outcome === 'pull-error') {
      if (behaviour.reason === 'InvalidImageName') {
        setContainer(pod, { waiting: { reason: 'InvalidImageName', message: `Failed to apply default image tag "${container.image}": couldn't parse image name` } });
        return save('pods', pod, 'MODIFIED');
      }
      setContainer(pod, { waiting: { reason: 'ErrImagePull', message: `failed to pull and unpack image "docker.io/${container.image}:latest": not found` } });
      save('pods', pod, 'MODIFIED');
      later(podOwner, tickMs * 2, () => {
        setContainer(pod, { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${container.image}"` } });
        save('pods', pod, 'MODIFIED');
      });
      return;
    }
    const built = environment(pod, container);
    if ('error' in built) {
      // The kubelet keeps retrying: the Secret may be created after the Job.
      if (pod.status.containerStatuses[0].state.waiting?.reason !== 'CreateContainerConfigError') {
        setContainer(pod, { waiting: { reason: 'CreateContainerConfigError', message: built.error } });
        save('pods', pod, 'MODIFIED');
      }
      return later(podOwner, tickMs, () => startContainer(job, pod));
    }
    const startedAt = now();
    const logs = behaviour.logs === undefined ? '' : typeof behaviour.logs === 'function' ? behaviour.logs(built.env) : behaviour.logs;
    podLogs.set(key(pod.metadata.namespace, pod.metadata.name), logs);
    pod.status.phase = 'Running';
    pod.status.startTime = startedAt;
    setContainer(pod, { running: { startedAt } }, { ready: true, started: true });
    save('pods', pod, 'MODIFIED');
    job.status = { ...job.status, ready: 1 };
    save('jobs', job, 'MODIFIED');
    if (behaviour.outcome === 'hang') return;
    later(podOwner, behaviour.runMs ?? tickMs, () => {
      const exitCode = behaviour.outcome === 'succeed' ? 0 : behaviour.outcome === 'oom' ? 137 : behaviour.exitCode;
      const reason = behaviour.outcome === 'succeed' ? 'Completed' : behaviour.outcome === 'oom' ? 'OOMKilled' : 'Error';
      pod.status.phase = exitCode === 0 ? 'Succeeded' : 'Failed';
      setContainer(pod, { terminated: { exitCode, reason, startedAt, finishedAt: now() } }, { ready: false, started: false });
      save('pods', pod, 'MODIFIED');
      if (exitCode === 0) jobSucceeded(job);
      else podFailed(job);
    });
  }

  function conclude(job: Json, conditions: Json[]): void {
    const time = now();
    job.status = {
      ...job.status,
      active: 0,
      ready: 0,
      conditions: [...(job.status.conditions ?? []), ...conditions.map((condition) => ({ status: 'True', lastProbeTime: time, lastTransitionTime: time, ...condition }))],
    };
    if (conditions.some((condition) => condition.type === 'Complete')) job.status.completionTime = time;
    save('jobs', job, 'MODIFIED');
    const owner = `jobs/${key(job.metadata.namespace, job.metadata.name)}`;
    stopTimers(owner);
    const ttl = job.spec.ttlSecondsAfterFinished;
    if (ttl !== undefined) later(owner, ttl * 1000, () => deleteJob(job.metadata.namespace, job.metadata.name, 'Background'));
  }

  function jobSucceeded(job: Json): void {
    if (finished(job) || !store.jobs.has(key(job.metadata.namespace, job.metadata.name))) return;
    job.status.succeeded = (job.status.succeeded ?? 0) + 1;
    conclude(job, [
      { type: 'SuccessCriteriaMet', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
      { type: 'Complete', reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' },
    ]);
  }

  function podFailed(job: Json): void {
    if (finished(job) || !store.jobs.has(key(job.metadata.namespace, job.metadata.name))) return;
    job.status.failed = (job.status.failed ?? 0) + 1;
    // Both restart policies are modelled as a new pod per attempt (OnFailure restarts in place on a real node; the count is the same).
    if (job.status.failed <= (job.spec.backoffLimit ?? 6)) {
      save('jobs', job, 'MODIFIED');
      return later(`jobs/${key(job.metadata.namespace, job.metadata.name)}`, tickMs, () => createPod(job));
    }
    const message = 'Job has reached the specified backoff limit';
    conclude(job, [
      { type: 'FailureTarget', reason: 'BackoffLimitExceeded', message },
      { type: 'Failed', reason: 'BackoffLimitExceeded', message },
    ]);
  }

  function deadlineExceeded(job: Json): void {
    if (finished(job) || !store.jobs.has(key(job.metadata.namespace, job.metadata.name))) return;
    // The Job controller kills the active pods (and their logs go with them).
    for (const pod of jobPods(job)) {
      if (pod.status.phase === 'Pending' || pod.status.phase === 'Running') {
        remove('pods', pod.metadata.namespace, pod.metadata.name);
        job.status.failed = (job.status.failed ?? 0) + 1;
      }
    }
    const message = 'Job was active longer than specified deadline';
    conclude(job, [
      { type: 'FailureTarget', reason: 'DeadlineExceeded', message },
      { type: 'Failed', reason: 'DeadlineExceeded', message },
    ]);
  }

  function deleteJob(namespace: string, name: string, propagationPolicy: string): Json | undefined {
    const job = remove('jobs', namespace, name);
    if (!job) return undefined;
    // Orphan (the default for Jobs through the REST API, kept for compatibility) leaves the pods and owned objects.
    if (propagationPolicy === 'Background' || propagationPolicy === 'Foreground') {
      for (const resource of ['pods', 'secrets'] as const) {
        for (const object of [...store[resource].values()]) {
          if (object.metadata.ownerReferences?.some((owner: Json) => owner.uid === job.metadata.uid)) remove(resource, object.metadata.namespace, object.metadata.name);
        }
      }
    }
    return job;
  }

  // --- validation ---------------------------------------------------------------------------------------

  function validateObjectMeta(meta: unknown, causes: Cause[], options: { maxNameLength: number }): void {
    if (!isObject(meta)) return void causes.push(required('metadata'));
    if (meta.generateName !== undefined) causes.push({ reason: 'FieldValueForbidden', message: 'Forbidden: not supported by the stand-in', field: 'metadata.generateName' });
    if (typeof meta.name !== 'string' || meta.name === '') causes.push({ reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' });
    else {
      if (!DNS1123_SUBDOMAIN.test(meta.name)) {
        causes.push(invalid('metadata.name', meta.name, "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
      }
      if (meta.name.length > options.maxNameLength) causes.push(invalid('metadata.name', meta.name, `must be no more than ${options.maxNameLength} characters`));
    }
    validateLabels(meta.labels, 'metadata.labels', causes);
    if (meta.annotations !== undefined && (!isObject(meta.annotations) || Object.values(meta.annotations).some((value) => typeof value !== 'string'))) {
      causes.push(invalid('metadata.annotations', meta.annotations, 'annotations must be a map of strings'));
    }
    if (meta.ownerReferences !== undefined) {
      if (!Array.isArray(meta.ownerReferences)) causes.push(invalid('metadata.ownerReferences', meta.ownerReferences, 'must be a list'));
      else {
        meta.ownerReferences.forEach((owner: unknown, index: number) => {
          for (const field of ['apiVersion', 'kind', 'name', 'uid']) {
            if (!isObject(owner) || typeof owner[field] !== 'string' || owner[field] === '') causes.push(invalid(`metadata.ownerReferences[${index}].${field}`, isObject(owner) ? (owner[field] ?? '') : owner, `${field} must not be empty`));
          }
        });
      }
    }
  }

  function validateLabels(labels: unknown, field: string, causes: Cause[]): void {
    if (labels === undefined) return;
    if (!isObject(labels)) return void causes.push(invalid(field, labels, 'must be a map of strings'));
    for (const [name, value] of Object.entries(labels)) {
      if (!isQualifiedName(name)) causes.push(invalid(field, name, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
      if (typeof value !== 'string' || value.length > 63 || !LABEL_VALUE.test(value)) {
        causes.push(invalid(`${field}`, value, "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (at most 63 characters)"));
      }
    }
  }

  function validateSecret(body: Json): Cause[] {
    const causes: Cause[] = [];
    validateObjectMeta(body.metadata, causes, { maxNameLength: 253 });
    let size = 0;
    for (const field of ['data', 'stringData'] as const) {
      const map = body[field];
      if (map === undefined) continue;
      if (!isObject(map)) {
        causes.push(invalid(field, map, 'must be a map'));
        continue;
      }
      for (const [name, value] of Object.entries(map)) {
        if (!SECRET_KEY.test(name)) causes.push(invalid(`${field}[${name}]`, name, "a valid config key must consist of alphanumeric characters, '-', '_' or '.'"));
        if (typeof value !== 'string' || (field === 'data' && !BASE64.test(value))) causes.push(invalid(`${field}[${name}]`, '<value>', field === 'data' ? 'must be base64-encoded' : 'must be a string'));
        else size += field === 'data' ? Buffer.from(value, 'base64').length : Buffer.byteLength(value);
      }
    }
    if (size > MAX_SECRET_BYTES) causes.push({ reason: 'FieldValueTooLong', message: `Too long: must have at most ${MAX_SECRET_BYTES} bytes`, field: 'data' });
    if (body.type !== undefined && typeof body.type !== 'string') causes.push(invalid('type', body.type, 'must be a string'));
    return causes;
  }

  function validateJob(body: Json): Cause[] {
    const causes: Cause[] = [];
    // A Job's name becomes the value of its pods' job-name label: 63 characters at most.
    validateObjectMeta(body.metadata, causes, { maxNameLength: 63 });
    const spec = body.spec;
    if (!isObject(spec)) return [...causes, required('spec')];
    for (const [field, minimum] of [
      ['backoffLimit', 0],
      ['activeDeadlineSeconds', 1],
      ['ttlSecondsAfterFinished', 0],
      ['parallelism', 0],
      ['completions', 0],
    ] as const) {
      const value = spec[field];
      if (value !== undefined && (!Number.isInteger(value) || value < minimum)) causes.push(invalid(`spec.${field}`, value, minimum === 0 ? 'must be greater than or equal to 0' : 'must be greater than 0'));
    }
    if (spec.selector !== undefined && spec.manualSelector !== true) causes.push(invalid('spec.selector', spec.selector, '`selector` will be auto-generated'));
    const template = spec.template;
    if (!isObject(template)) return [...causes, required('spec.template')];
    if (template.metadata !== undefined) validateLabels(template.metadata.labels, 'spec.template.metadata.labels', causes);
    const podSpec = template.spec;
    if (!isObject(podSpec)) return [...causes, required('spec.template.spec')];
    const restartPolicy = podSpec.restartPolicy ?? 'Always';
    if (restartPolicy !== 'Never' && restartPolicy !== 'OnFailure') {
      causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: "${restartPolicy}": supported values: "OnFailure", "Never"`, field: 'spec.template.spec.restartPolicy' });
    }
    validateLabels(podSpec.nodeSelector, 'spec.template.spec.nodeSelector', causes);
    for (const [index, toleration] of (Array.isArray(podSpec.tolerations) ? podSpec.tolerations : []).entries()) {
      const field = `spec.template.spec.tolerations[${index}]`;
      if (!['Exists', 'Equal', undefined].includes(toleration?.operator)) causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: "${toleration?.operator}": supported values: "Equal", "Exists"`, field: `${field}.operator` });
      if (toleration?.operator === 'Exists' && toleration.value) causes.push(invalid(`${field}.operator`, toleration.operator, 'value must be empty when `operator` is \'Exists\''));
      if (![undefined, '', 'NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(toleration?.effect)) causes.push({ reason: 'FieldValueNotSupported', message: `Unsupported value: "${toleration?.effect}"`, field: `${field}.effect` });
    }
    const volumes = new Set<string>();
    for (const [index, volume] of (Array.isArray(podSpec.volumes) ? podSpec.volumes : []).entries()) {
      if (typeof volume?.name !== 'string' || !DNS1123_LABEL.test(volume.name)) causes.push(invalid(`spec.template.spec.volumes[${index}].name`, volume?.name ?? '', 'must be a DNS-1123 label'));
      else if (volumes.has(volume.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: "${volume.name}"`, field: `spec.template.spec.volumes[${index}].name` });
      else volumes.add(volume.name);
      const sources = Object.keys(volume ?? {}).filter((name) => name !== 'name');
      if (sources.length !== 1) causes.push(invalid(`spec.template.spec.volumes[${index}]`, sources.join(','), 'must specify exactly one volume type'));
    }
    const containers = podSpec.containers;
    if (!Array.isArray(containers) || containers.length === 0) return [...causes, required('spec.template.spec.containers')];
    const names = new Set<string>();
    containers.forEach((container: unknown, index: number) => {
      const field = `spec.template.spec.containers[${index}]`;
      if (!isObject(container)) return void causes.push(required(field));
      if (typeof container.name !== 'string' || !DNS1123_LABEL.test(container.name) || container.name.length > 63) causes.push(invalid(`${field}.name`, container.name ?? '', 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\''));
      else if (names.has(container.name)) causes.push({ reason: 'FieldValueDuplicate', message: `Duplicate value: "${container.name}"`, field: `${field}.name` });
      else names.add(container.name);
      // The real server accepts a missing image on a Job's template only to fail later; a container needs one.
      if (typeof container.image !== 'string' || container.image.trim() === '') causes.push(required(`${field}.image`));
      for (const list of ['command', 'args'] as const) {
        if (container[list] !== undefined && (!Array.isArray(container[list]) || container[list].some((item: unknown) => typeof item !== 'string'))) causes.push(invalid(`${field}.${list}`, container[list], 'must be a list of strings'));
      }
      for (const [envIndex, variable] of (Array.isArray(container.env) ? container.env : []).entries()) {
        const envField = `${field}.env[${envIndex}]`;
        if (typeof variable?.name !== 'string' || !ENV_NAME.test(variable.name)) causes.push(invalid(`${envField}.name`, variable?.name ?? '', "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit"));
        if (variable?.value !== undefined && variable?.valueFrom !== undefined) causes.push(invalid(`${envField}.valueFrom`, '', 'may not be specified when `value` is not empty'));
        const ref = variable?.valueFrom?.secretKeyRef;
        if (variable?.valueFrom !== undefined && (!isObject(ref) || !ref.name || !ref.key)) causes.push(required(`${envField}.valueFrom.secretKeyRef`));
      }
      for (const [sourceIndex, source] of (Array.isArray(container.envFrom) ? container.envFrom : []).entries()) {
        const ref = source?.secretRef ?? source?.configMapRef;
        if (!isObject(ref) || typeof ref.name !== 'string' || !DNS1123_SUBDOMAIN.test(ref.name)) causes.push(required(`${field}.envFrom[${sourceIndex}].secretRef.name`));
      }
      for (const [mountIndex, mount] of (Array.isArray(container.volumeMounts) ? container.volumeMounts : []).entries()) {
        if (!volumes.has(mount?.name)) causes.push({ reason: 'FieldValueNotFound', message: `Not found: "${mount?.name}"`, field: `${field}.volumeMounts[${mountIndex}].name` });
        if (typeof mount?.mountPath !== 'string' || mount.mountPath === '') causes.push(required(`${field}.volumeMounts[${mountIndex}].mountPath`));
      }
      validateResources(container.resources, `${field}.resources`, causes);
      const security = container.securityContext;
      if (security !== undefined) {
        for (const flag of ['runAsNonRoot', 'privileged', 'allowPrivilegeEscalation', 'readOnlyRootFilesystem'] as const) {
          if (security[flag] !== undefined && typeof security[flag] !== 'boolean') causes.push(invalid(`${field}.securityContext.${flag}`, security[flag], 'must be a boolean'));
        }
        if (security.privileged === true && security.allowPrivilegeEscalation === false) causes.push(invalid(`${field}.securityContext`, '', 'cannot set `allowPrivilegeEscalation` to false and `privileged` to true'));
      }
    });
    return causes;
  }

  function validateResources(resources: unknown, field: string, causes: Cause[]): void {
    if (resources === undefined) return;
    if (!isObject(resources)) return void causes.push(invalid(field, resources, 'must be an object'));
    for (const kind of ['limits', 'requests'] as const) {
      const map = resources[kind];
      if (map === undefined) continue;
      if (!isObject(map)) {
        causes.push(invalid(`${field}.${kind}`, map, 'must be a map of quantities'));
        continue;
      }
      for (const [name, value] of Object.entries(map)) {
        const at = `${field}.${kind}[${name}]`;
        if (!isQualifiedName(name)) causes.push(invalid(at, name, 'must be a standard resource type or fully qualified'));
        // Quantities travel as strings (numbers are accepted too, as the real decoder does).
        const text = typeof value === 'number' ? String(value) : value;
        if (typeof text !== 'string' || !QUANTITY.test(text)) {
          causes.push(invalid(at, value, "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"));
          continue;
        }
        if (text.startsWith('-')) causes.push(invalid(at, text, 'must be greater than or equal to 0'));
        if (!STANDARD_RESOURCES.has(name) && !/^[+]?\d+$/.test(text)) causes.push(invalid(at, text, 'must be an integer'));
      }
    }
    const limits = isObject(resources.limits) ? resources.limits : {};
    const requests = isObject(resources.requests) ? resources.requests : {};
    for (const [name, value] of Object.entries(requests)) {
      if (!STANDARD_RESOURCES.has(name) && name in limits && String(limits[name]) !== String(value)) causes.push(invalid(`${field}.requests[${name}]`, value, 'must be equal to ' + name + ' limit'));
    }
  }

  // --- HTTP ---------------------------------------------------------------------------------------------

  function status(response: ServerResponse, code: number, reason: string, message: string, details?: Json): void {
    send(response, code, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, ...(details ? { details } : {}), code });
  }

  function send(response: ServerResponse, code: number, body: unknown): void {
    response.writeHead(code, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body));
  }

  function resourceName(resource: 'secrets' | 'jobs' | 'pods'): string {
    const { group } = GROUPS[resource];
    return group ? `${resource}.${group}` : resource;
  }

  function notFound(response: ServerResponse, resource: 'secrets' | 'jobs' | 'pods', name: string): void {
    status(response, 404, 'NotFound', `${resourceName(resource)} "${name}" not found`, { name, ...(GROUPS[resource].group ? { group: GROUPS[resource].group } : {}), kind: resource });
  }

  async function readBody(request: IncomingMessage): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request) {
      size += (chunk as Buffer).length;
      if (size > MAX_BODY_BYTES) return null;
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  function create(response: ServerResponse, resource: 'secrets' | 'jobs', namespace: string, body: unknown): number {
    const { apiVersion, kind, group } = GROUPS[resource];
    if (!isObject(body)) {
      status(response, 400, 'BadRequest', 'the request body is not a JSON object');
      return 400;
    }
    // Stricter than the real server, which defaults a missing apiVersion/kind from the URL: the driver must send them.
    const missing = [
      ...(typeof body.apiVersion !== 'string' || body.apiVersion === '' ? [required('apiVersion')] : []),
      ...(typeof body.kind !== 'string' || body.kind === '' ? [required('kind')] : []),
    ];
    if (missing.length === 0 && (body.apiVersion !== apiVersion || body.kind !== kind)) {
      status(response, 400, 'BadRequest', `the API version in the data (${body.apiVersion}) does not match the expected API version (${apiVersion})`);
      return 400;
    }
    if (isObject(body.metadata) && body.metadata.namespace !== undefined && body.metadata.namespace !== namespace) {
      status(response, 400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      return 400;
    }
    const causes = [...missing, ...(resource === 'jobs' ? validateJob(body) : validateSecret(body))];
    const name = isObject(body.metadata) && typeof body.metadata.name === 'string' ? body.metadata.name : '';
    if (causes.length > 0) {
      const summary = causes.map((cause) => `${cause.field}: ${cause.message}`);
      status(response, 422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${summary.length === 1 ? summary[0] : `[${summary.join(', ')}]`}`, {
        name,
        ...(group ? { group } : {}),
        kind,
        causes,
      });
      return 422;
    }
    if (store[resource].has(key(namespace, name))) {
      status(response, 409, 'AlreadyExists', `${resourceName(resource)} "${name}" already exists`, { name, ...(group ? { group } : {}), kind: resource });
      return 409;
    }
    const object: Json = copy(body);
    object.metadata = { ...object.metadata, namespace, uid: randomUUID(), creationTimestamp: now(), generation: 1 };
    if (resource === 'secrets') {
      // stringData is write-only: merged into data (base64) and dropped.
      const data: Record<string, string> = { ...(object.data ?? {}) };
      for (const [name, value] of Object.entries(object.stringData ?? {})) data[name] = Buffer.from(String(value)).toString('base64');
      delete object.stringData;
      object.data = data;
      object.type ??= 'Opaque';
    } else {
      const uid = object.metadata.uid;
      const controllerLabels = { 'batch.kubernetes.io/controller-uid': uid, 'controller-uid': uid };
      object.spec.selector = { matchLabels: controllerLabels };
      object.spec.backoffLimit ??= 6;
      object.spec.template.metadata = {
        ...(object.spec.template.metadata ?? {}),
        labels: { ...(object.spec.template.metadata?.labels ?? {}), ...controllerLabels, 'batch.kubernetes.io/job-name': name, 'job-name': name },
      };
      object.status = {};
    }
    save(resource, object, 'ADDED');
    if (resource === 'jobs') startJob(object);
    send(response, 201, object);
    return 201;
  }

  function watch(response: ServerResponse, namespace: string, query: URLSearchParams): number {
    const fields = parseSelector(query.get('fieldSelector') ?? '');
    const nameField = fields.find((term) => term.key === 'metadata.name' && term.op === '=');
    const watcher: Watcher = { resource: 'jobs', namespace, name: nameField?.value, labels: parseSelector(query.get('labelSelector') ?? ''), response };
    response.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    watchers.add(watcher);
    response.on('close', () => watchers.delete(watcher));
    // Without a resourceVersion the stream starts with the current objects, as ADDED events.
    for (const job of store.jobs.values()) {
      if (job.metadata.namespace === namespace && (watcher.name === undefined || job.metadata.name === watcher.name) && matches(watcher.labels, job.metadata.labels ?? {})) {
        response.write(`${JSON.stringify({ type: 'ADDED', object: job })}\n`);
      }
    }
    return 200;
  }

  function list(response: ServerResponse, resource: 'secrets' | 'jobs' | 'pods', namespace: string, query: URLSearchParams): number {
    const labels = parseSelector(query.get('labelSelector') ?? '');
    const fields = parseSelector(query.get('fieldSelector') ?? '');
    const items = [...store[resource].values()].filter(
      (object) =>
        object.metadata.namespace === namespace &&
        matches(labels, object.metadata.labels ?? {}) &&
        matches(fields, { 'metadata.name': object.metadata.name, 'metadata.namespace': object.metadata.namespace }),
    );
    send(response, 200, { kind: `${GROUPS[resource].kind}List`, apiVersion: GROUPS[resource].apiVersion, metadata: { resourceVersion: String(resourceVersion) }, items });
    return 200;
  }

  function podLog(response: ServerResponse, namespace: string, name: string, query: URLSearchParams): number {
    const pod = store.pods.get(key(namespace, name));
    if (!pod) {
      notFound(response, 'pods', name);
      return 404;
    }
    const containerName = query.get('container') ?? (pod.spec.containers.length === 1 ? pod.spec.containers[0].name : null);
    if (containerName === null) {
      status(response, 400, 'BadRequest', `a container name must be specified for pod ${name}, choose one of: [${pod.spec.containers.map((c: Json) => c.name).join(' ')}]`);
      return 400;
    }
    const containerStatus = pod.status.containerStatuses.find((s: Json) => s.name === containerName);
    if (!containerStatus) {
      status(response, 400, 'BadRequest', `container ${containerName} is not valid for pod ${name}`);
      return 400;
    }
    const waiting = containerStatus.state.waiting;
    if (waiting) {
      const why = waiting.reason === 'ErrImagePull' || waiting.reason === 'ImagePullBackOff' ? 'trying and failing to pull image' : waiting.reason;
      status(response, 400, 'BadRequest', `container "${containerName}" in pod "${name}" is waiting to start: ${why}`);
      return 400;
    }
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.end(podLogs.get(key(namespace, name)) ?? '');
    return 200;
  }

  async function handle(request: IncomingMessage, response: ServerResponse, record: RecordedRequest): Promise<number> {
    if (request.headers.authorization !== `Bearer ${options.token}`) {
      status(response, 401, 'Unauthorized', 'Unauthorized');
      return 401;
    }
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const match =
      /^\/api\/v1\/namespaces\/([^/]+)\/(secrets|pods)(?:\/([^/]+)(\/log)?)?$/.exec(url.pathname) ?? /^\/apis\/batch\/v1\/namespaces\/([^/]+)\/(jobs)(?:\/([^/]+)())?$/.exec(url.pathname);
    if (!match) {
      status(response, 404, 'NotFound', 'the server could not find the requested resource');
      return 404;
    }
    const namespace = decodeURIComponent(match[1] ?? '');
    const resource = match[2] as 'secrets' | 'pods' | 'jobs';
    const name = match[3] === undefined ? undefined : decodeURIComponent(match[3]);
    const isLog = Boolean(match[4]);
    const method = request.method ?? 'GET';

    const injected = failures.findIndex((failure) => failure.method === method && failure.resource === (isLog ? 'log' : resource));
    if (injected >= 0) {
      const [failure] = failures.splice(injected, 1);
      const code = failure?.code ?? 500;
      status(response, code, code === 503 ? 'ServiceUnavailable' : 'InternalError', `injected failure (${code})`);
      return code;
    }

    if (method === 'POST' && name === undefined && resource !== 'pods') {
      if (!/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
        status(response, 415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf`);
        return 415;
      }
      const raw = await readBody(request);
      if (raw === null) {
        status(response, 413, 'RequestEntityTooLarge', 'the request is too large');
        return 413;
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch (error) {
        status(response, 400, 'BadRequest', `the body is not valid JSON: ${(error as Error).message}`);
        return 400;
      }
      record.body = body;
      return create(response, resource, namespace, body);
    }
    if (method === 'GET' && name === undefined) {
      const watching = url.searchParams.get('watch');
      if (watching === 'true' || watching === '1') {
        if (resource !== 'jobs') {
          status(response, 405, 'MethodNotAllowed', 'the stand-in watches jobs only');
          return 405;
        }
        return watch(response, namespace, url.searchParams);
      }
      return list(response, resource, namespace, url.searchParams);
    }
    if (method === 'GET' && name !== undefined) {
      if (isLog) return podLog(response, namespace, name, url.searchParams);
      const object = store[resource].get(key(namespace, name));
      if (!object) {
        notFound(response, resource, name);
        return 404;
      }
      send(response, 200, object);
      return 200;
    }
    if (method === 'DELETE' && name !== undefined && !isLog) {
      const raw = await readBody(request);
      let deleteOptions: Json = {};
      try {
        if (raw && raw.length > 0) deleteOptions = JSON.parse(raw.toString('utf8'));
      } catch {
        status(response, 400, 'BadRequest', 'the body is not valid JSON');
        return 400;
      }
      record.body = raw && raw.length > 0 ? deleteOptions : undefined;
      const policy = url.searchParams.get('propagationPolicy') ?? deleteOptions.propagationPolicy ?? (resource === 'jobs' ? 'Orphan' : 'Background');
      if (!['Orphan', 'Background', 'Foreground'].includes(policy)) {
        status(response, 422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
        return 422;
      }
      const object = resource === 'jobs' ? deleteJob(namespace, name, policy) : remove(resource, namespace, name);
      if (!object) {
        notFound(response, resource, name);
        return 404;
      }
      send(response, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name, ...(GROUPS[resource].group ? { group: GROUPS[resource].group } : {}), kind: resource, uid: object.metadata.uid } });
      return 200;
    }
    status(response, 405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
    return 405;
  }

  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const record: RecordedRequest = { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), body: undefined, status: 0 };
    requests.push(record);
    handle(request, response, record).then(
      (code) => {
        record.status = code;
      },
      (error: unknown) => {
        record.status = 500;
        if (!response.headersSent) status(response, 500, 'InternalError', `stand-in error: ${(error as Error).message}`);
        else response.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    podsCreated,
    list: (resource, namespace) => [...store[resource].values()].filter((object) => object.metadata.namespace === namespace).map(copy),
    setBehaviour: (image, behaviour) => void images.set(image, behaviour),
    dropWatches() {
      for (const watcher of watchers) watcher.response.end();
      watchers.clear();
    },
    failNext: (method, resource, code) => void failures.push({ method, resource, code }),
    async close() {
      for (const owner of [...timers.keys()]) stopTimers(owner);
      for (const watcher of watchers) watcher.response.end();
      watchers.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isQualifiedName(name: string): boolean {
  const parts = name.split('/');
  if (parts.length > 2) return false;
  const [prefix, local] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length > 253 || !DNS1123_SUBDOMAIN.test(prefix))) return false;
  return local !== undefined && local.length <= 63 && LABEL_NAME.test(local);
}

function required(field: string): Cause {
  return { reason: 'FieldValueRequired', message: 'Required value', field };
}

function invalid(field: string, value: unknown, detail: string): Cause {
  return { reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field };
}

/** Equality-based selectors: `a=b`, `a==b`, `a!=b`, `a`, `!a`, comma-separated. */
function parseSelector(text: string): Selector {
  return text
    .split(',')
    .map((term) => term.trim())
    .filter(Boolean)
    .map((term) => {
      const notEqual = term.indexOf('!=');
      if (notEqual > 0) return { key: term.slice(0, notEqual), op: '!=' as const, value: term.slice(notEqual + 2) };
      const equal = term.indexOf('=');
      if (equal > 0) return { key: term.slice(0, equal), op: '=' as const, value: term.slice(term[equal + 1] === '=' ? equal + 2 : equal + 1) };
      return term.startsWith('!') ? { key: term.slice(1), op: '!exists' as const } : { key: term, op: 'exists' as const };
    });
}

function matches(selector: Selector, labels: Record<string, string>): boolean {
  return selector.every((term) => {
    const has = Object.hasOwn(labels, term.key);
    if (term.op === 'exists') return has;
    if (term.op === '!exists') return !has;
    if (term.op === '=') return has && labels[term.key] === term.value;
    return !has || labels[term.key] !== term.value;
  });
}
