// The kubernetes driver against the stand-in API server (real HTTP, the real @kubernetes/client-node): what it
// asks the cluster for (the Job spec: GPUs, node, hardening, no secrets), how every way a run ends is
// classified, that it always cleans up, adopts the Job of a crashed attempt, survives a dropped watch, and
// what the stand-in itself refuses.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { ApiException, BatchV1Api, KubeConfig } from '@kubernetes/client-node';
import type { AgentExecutionConfig, ExecutionDriver, RunRequest } from '../driver.ts';
import { createKubernetesDriver, kubernetesResourceName } from './kubernetes-driver.ts';
import { type StandInApiServer, startStandInApiServer } from './stand-in-api-server.ts';

const TOKEN = 'stand-in-token-0123456789';
const NAMESPACE = 'cr8-runs';
const API_KEY = 'sk-live-abcdef123456';
let api: StandInApiServer;
let driver: ExecutionDriver;
let executionCounter = 0;

function kubeConfigFor(server: string, token = TOKEN): KubeConfig {
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromOptions({
    // The client refuses plain http unless skipTLSVerify is set (there is no TLS to verify).
    clusters: [{ name: 'stand-in', server, skipTLSVerify: true }],
    users: [{ name: 'cr8-worker', token }],
    contexts: [{ name: 'stand-in', cluster: 'stand-in', user: 'cr8-worker' }],
    currentContext: 'stand-in',
  });
  return kubeConfig;
}

function runRequest(overrides: { image?: string; timeoutSeconds?: number; gpu?: AgentExecutionConfig['gpu']; signal?: AbortSignal; placement?: RunRequest['placement']; executionId?: string; secrets?: Record<string, string> } = {}): RunRequest {
  executionCounter += 1;
  return {
    executionId: overrides.executionId ?? `0b5c2f8e-${String(executionCounter).padStart(4, '0')}-4c1d-9a57-6f1e2d3c4b5a`,
    agentId: '42',
    input: { prompt: 'hello', marker: 'input-marker-7f3a' },
    config: {
      runtime: 'kubernetes',
      image: overrides.image ?? 'cr8/echo',
      gpu: overrides.gpu ?? { model: 'NVIDIA-A100-SXM4-80GB', count: 1 },
      timeoutSeconds: overrides.timeoutSeconds ?? 30,
      maxConcurrent: 4,
      deterministic: false,
    },
    secrets: overrides.secrets ?? { API_KEY },
    placement: overrides.placement === undefined ? { node: 'gpu-node-7', gpuModel: 'NVIDIA-H100-80GB-HBM3', gpuIndices: [0] } : overrides.placement,
    signal: overrides.signal ?? new AbortController().signal,
  };
}

function jobCreations(name: string) {
  return api.requests.filter((request) => request.method === 'POST' && request.path.endsWith('/jobs') && (request.body as { metadata?: { name?: string } })?.metadata?.name === name);
}

function assertCleanedUp(name: string): void {
  assert.deepEqual(
    api.list('jobs', NAMESPACE).filter((job) => job.metadata.name === name),
    [],
    'the Job is deleted',
  );
  assert.deepEqual(
    api.list('secrets', NAMESPACE).filter((secret) => secret.metadata.name === name),
    [],
    'the Secret is deleted',
  );
  assert.deepEqual(
    api.list('pods', NAMESPACE).filter((pod) => pod.metadata.labels['job-name'] === name),
    [],
    'the pods went with the Job (Background propagation)',
  );
}

before(async () => {
  api = await startStandInApiServer({
    token: TOKEN,
    tickMs: 10,
    images: {
      'cr8/echo': {
        outcome: 'succeed',
        logs: (env) => `loading model\nusing key ${env.API_KEY}\n${JSON.stringify({ echo: JSON.parse(env.CR8_INPUT ?? 'null'), execution: env.CR8_EXECUTION_ID })}\n`,
      },
      'cr8/slow-echo': { outcome: 'succeed', logs: 'working\n{"slow":true}\n', runMs: 400 },
      'cr8/sleep': { outcome: 'hang', logs: 'sleeping\n' },
      'cr8/oom': { outcome: 'oom', logs: 'allocating\n' },
      'cr8/crash': { outcome: 'exit', exitCode: 1, logs: 'Traceback: something broke\n' },
      'cr8/chatty': { outcome: 'succeed', logs: 'step 1\n{"partial":true}\nall done, no JSON here\n' },
      'bad/image': { outcome: 'pull-error' },
    },
  });
  driver = createKubernetesDriver({ kubeConfig: kubeConfigFor(api.url), namespace: NAMESPACE, pollIntervalMs: 50, deadlineGraceMs: 3_000, requestTimeoutMs: 5_000 });
});

after(async () => {
  await driver.close();
  await api.close();
});

describe('kubernetes driver', () => {
  test('runs the image as a Job and returns the last log line as output, the rest as logs', async () => {
    const request = runRequest();
    const name = kubernetesResourceName(request.executionId);
    const result = await driver.run(request);

    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(result.ok);
    assert.deepEqual(result.output, { echo: request.input, execution: request.executionId });
    assert.match(result.logs, /loading model/);
    assert.doesNotMatch(result.logs, /"echo"/, 'the output line is not in the logs');
    assert.ok(!result.logs.includes(API_KEY), 'a secret the agent printed is redacted from the logs');
    assert.match(result.logs, /using key \[redacted\]/);
    assert.ok(result.finishedAt >= result.startedAt);

    const [creation, ...others] = jobCreations(name);
    assert.equal(others.length, 0);
    assert.equal(creation?.status, 201);
    const job = creation?.body as { metadata: { labels: Record<string, string> }; spec: Record<string, any> };
    assert.equal(job.metadata.labels['cr8.io/execution-id'], request.executionId);
    assert.equal(job.metadata.labels['cr8.io/agent-id'], '42');
    assert.equal(job.spec.backoffLimit, 0);
    assert.equal(job.spec.activeDeadlineSeconds, 30);
    const pod = job.spec.template.spec;
    assert.equal(pod.restartPolicy, 'Never');
    assert.equal(pod.automountServiceAccountToken, false);
    assert.deepEqual(pod.nodeSelector, { 'nvidia.com/gpu.product': 'NVIDIA-H100-80GB-HBM3', 'kubernetes.io/hostname': 'gpu-node-7' }, 'the placement’s model wins over the config’s');
    const [container] = pod.containers;
    assert.equal(container.image, 'cr8/echo');
    assert.deepEqual(container.resources, { limits: { 'nvidia.com/gpu': '1' } });
    assert.deepEqual(container.securityContext, { runAsNonRoot: true, privileged: false, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
    const serializedJob = JSON.stringify(job);
    assert.ok(!serializedJob.includes(API_KEY), 'no secret value in the Job');
    assert.ok(!serializedJob.includes('input-marker-7f3a'), 'no input in the Job');

    const secretCreation = api.requests.find((r) => r.method === 'POST' && r.path.endsWith('/secrets') && (r.body as { metadata?: { name?: string } })?.metadata?.name === name);
    const secret = secretCreation?.body as { stringData: Record<string, string>; metadata: { ownerReferences: Array<{ kind: string; name: string }> } };
    assert.equal(secret.stringData.API_KEY, API_KEY);
    assert.deepEqual(JSON.parse(secret.stringData.CR8_INPUT ?? ''), request.input);
    assert.equal(secret.metadata.ownerReferences[0]?.kind, 'Job', 'the Secret goes with its Job if the worker dies');

    const deletion = api.requests.find((r) => r.method === 'DELETE' && r.path.endsWith(`/jobs/${name}`));
    assert.equal(deletion?.query.propagationPolicy, 'Background');
    assertCleanedUp(name);
  });

  test('without placement, the config’s model is the node selector; no GPUs, no GPU limit', async () => {
    const withModel = runRequest({ placement: null, gpu: { model: 'NVIDIA-L4', count: 2 } });
    assert.equal((await driver.run(withModel)).ok, true);
    const spec = (jobCreations(kubernetesResourceName(withModel.executionId))[0]?.body as { spec: Record<string, any> }).spec.template.spec;
    assert.deepEqual(spec.nodeSelector, { 'nvidia.com/gpu.product': 'NVIDIA-L4' });
    assert.deepEqual(spec.containers[0].resources, { limits: { 'nvidia.com/gpu': '2' } });

    const cpuOnly = runRequest({ placement: null, gpu: { count: 0 } });
    assert.equal((await driver.run(cpuOnly)).ok, true);
    const cpuSpec = (jobCreations(kubernetesResourceName(cpuOnly.executionId))[0]?.body as { spec: Record<string, any> }).spec.template.spec;
    assert.equal(cpuSpec.nodeSelector, undefined);
    assert.equal(cpuSpec.containers[0].resources, undefined);
  });

  test('activeDeadlineSeconds firing is TIMEOUT, not retryable', async () => {
    const request = runRequest({ image: 'cr8/sleep', timeoutSeconds: 1 });
    const result = await driver.run(request);
    assert.equal(result.ok, false);
    assert.ok(!result.ok);
    assert.equal(result.code, 'TIMEOUT');
    assert.equal(result.retryable, false);
    assertCleanedUp(kubernetesResourceName(request.executionId));
  });

  test('OOMKilled is MEMORY_LIMIT', async () => {
    const request = runRequest({ image: 'cr8/oom' });
    const result = await driver.run(request);
    assert.ok(!result.ok);
    assert.equal(result.code, 'MEMORY_LIMIT');
    assert.equal(result.retryable, false);
    assertCleanedUp(kubernetesResourceName(request.executionId));
  });

  test('a non-zero exit is AGENT_FAILED, with the logs and a single attempt', async () => {
    const request = runRequest({ image: 'cr8/crash' });
    const name = kubernetesResourceName(request.executionId);
    const result = await driver.run(request);
    assert.ok(!result.ok);
    assert.equal(result.code, 'AGENT_FAILED');
    assert.equal(result.retryable, false);
    assert.match(result.message, /code 1/);
    assert.match(result.logs, /Traceback: something broke/);
    assert.equal(api.podsCreated.filter((pod) => pod.startsWith(`${name}-`)).length, 1, 'backoffLimit 0: the queue owns retries');
    assertCleanedUp(name);
  });

  test('an image that cannot be pulled is BAD_CONFIG, without waiting for the deadline', async () => {
    const request = runRequest({ image: 'bad/image', timeoutSeconds: 60 });
    const started = Date.now();
    const result = await driver.run(request);
    assert.ok(!result.ok);
    assert.equal(result.code, 'BAD_CONFIG');
    assert.match(result.message, /ErrImagePull|ImagePullBackOff/);
    assert.ok(Date.now() - started < 5_000);
    assertCleanedUp(kubernetesResourceName(request.executionId));
  });

  test('a last log line that is not JSON is MALFORMED_OUTPUT', async () => {
    const request = runRequest({ image: 'cr8/chatty' });
    const result = await driver.run(request);
    assert.ok(!result.ok);
    assert.equal(result.code, 'MALFORMED_OUTPUT');
    assert.equal(result.retryable, false);
    assert.match(result.logs, /all done, no JSON here/);
    assertCleanedUp(kubernetesResourceName(request.executionId));
  });

  test('an invalid Job (the API server answers 422) is BAD_CONFIG', async () => {
    // A model name with spaces cannot be a node selector value.
    const request = runRequest({ placement: null, gpu: { model: 'A100 80GB', count: 1 } });
    const name = kubernetesResourceName(request.executionId);
    const result = await driver.run(request);
    assert.ok(!result.ok);
    assert.equal(result.code, 'BAD_CONFIG');
    assert.match(result.message, /422/);
    assert.equal(jobCreations(name)[0]?.status, 422);
    assertCleanedUp(name);
  });

  test('abort deletes the Job and is CANCELLED (retryable)', async () => {
    const controller = new AbortController();
    const request = runRequest({ image: 'cr8/sleep', signal: controller.signal });
    const name = kubernetesResourceName(request.executionId);
    const running = driver.run(request);
    // Abort once the agent is running.
    await waitFor(() => api.list('pods', NAMESPACE).some((pod) => pod.metadata.labels['job-name'] === name && pod.status.phase === 'Running'));
    controller.abort();
    const result = await running;
    assert.ok(!result.ok);
    assert.equal(result.code, 'CANCELLED');
    assert.equal(result.retryable, true);
    assertCleanedUp(name);
  });

  test('a 5xx from the API server is UNAVAILABLE (retryable)', async () => {
    api.failNext('POST', 'jobs', 503);
    const request = runRequest();
    const result = await driver.run(request);
    assert.ok(!result.ok);
    assert.equal(result.code, 'UNAVAILABLE');
    assert.equal(result.retryable, true);
    assertCleanedUp(kubernetesResourceName(request.executionId));
  });

  test('an API server that is down is UNAVAILABLE (retryable)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const downDriver = createKubernetesDriver({ kubeConfig: kubeConfigFor(`http://127.0.0.1:${port}`), namespace: NAMESPACE, pollIntervalMs: 50 });
    const result = await downDriver.run(runRequest());
    await downDriver.close();
    assert.ok(!result.ok);
    assert.equal(result.code, 'UNAVAILABLE');
    assert.equal(result.retryable, true);
    assert.match(result.message, /ECONNREFUSED/);
  });

  test('a Job left by a crashed attempt (409 on create) is adopted, not duplicated', async () => {
    const request = runRequest({ image: 'cr8/slow-echo' });
    const name = kubernetesResourceName(request.executionId);
    // What the previous attempt created before its worker died: the Job (its Secret never got made).
    const batch = kubeConfigFor(api.url).makeApiClient(BatchV1Api);
    await batch.createNamespacedJob({
      namespace: NAMESPACE,
      body: {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name, annotations: { 'cr8.io/execution-id': request.executionId } },
        spec: {
          backoffLimit: 0,
          template: { spec: { restartPolicy: 'Never', containers: [{ name: 'agent', image: 'cr8/slow-echo', envFrom: [{ secretRef: { name } }] }] } },
        },
      },
    });

    const result = await driver.run(request);
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(result.ok);
    assert.deepEqual(result.output, { slow: true });
    assert.deepEqual(
      jobCreations(name).map((creation) => creation.status),
      [201, 409],
      'the driver’s create met the existing Job',
    );
    assert.equal(api.podsCreated.filter((pod) => pod.startsWith(`${name}-`)).length, 1, 'one run of the agent');
    assertCleanedUp(name);
  });

  test('a Job of the same name for another execution is left alone', async () => {
    const request = runRequest();
    const name = kubernetesResourceName(request.executionId);
    const batch = kubeConfigFor(api.url).makeApiClient(BatchV1Api);
    await batch.createNamespacedJob({
      namespace: NAMESPACE,
      body: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'agent', image: 'cr8/sleep' }] } } } },
    });
    const result = await driver.run(request);
    assert.ok(!result.ok);
    assert.equal(result.code, 'UNAVAILABLE');
    assert.equal(api.list('jobs', NAMESPACE).filter((job) => job.metadata.name === name).length, 1, 'not deleted');
    await batch.deleteNamespacedJob({ name, namespace: NAMESPACE, propagationPolicy: 'Background' });
  });

  test('a dropped watch falls back to polling the Job', async () => {
    const request = runRequest({ image: 'cr8/slow-echo', timeoutSeconds: 2 });
    const name = kubernetesResourceName(request.executionId);
    const running = driver.run(request);
    await waitFor(() => api.requests.some((r) => r.query.watch === 'true' && r.query.fieldSelector === `metadata.name=${name}`));
    await sleep(30);
    api.dropWatches();
    const result = await running;
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.ok(api.requests.some((r) => r.method === 'GET' && r.path.endsWith(`/jobs/${name}`)), 'the Job was read after the watch ended');
    assertCleanedUp(name);
  });

  test('close() cancels the runs in flight and refuses new ones', async () => {
    const closing = createKubernetesDriver({ kubeConfig: kubeConfigFor(api.url), namespace: NAMESPACE, pollIntervalMs: 50 });
    const request = runRequest({ image: 'cr8/sleep' });
    const running = closing.run(request);
    await waitFor(() => api.list('pods', NAMESPACE).some((pod) => pod.metadata.labels['job-name'] === kubernetesResourceName(request.executionId)));
    await closing.close();
    const result = await running;
    assert.ok(!result.ok);
    assert.equal(result.code, 'CANCELLED');
    assertCleanedUp(kubernetesResourceName(request.executionId));
    const refused = await closing.run(runRequest());
    assert.ok(!refused.ok);
    assert.equal(refused.code, 'UNAVAILABLE');
  });

  test('execution ids that are not DNS labels get a stable, valid, distinct name', () => {
    const long = kubernetesResourceName(`Execution_${'x'.repeat(100)}`);
    assert.match(long, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
    assert.ok(long.length <= 63);
    assert.equal(kubernetesResourceName(`Execution_${'x'.repeat(100)}`), long);
    assert.notEqual(kubernetesResourceName('ABC'), kubernetesResourceName('abc'));
    assert.equal(kubernetesResourceName('abc'), 'cr8-abc');
  });
});

describe('stand-in API server', () => {
  const jobsUrl = () => `${api.url}/apis/batch/v1/namespaces/${NAMESPACE}/jobs`;
  const validJob = (name: string) => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name },
    spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'agent', image: 'cr8/sleep' }] } } },
  });
  async function post(body: unknown, token: string | null = TOKEN) {
    const response = await fetch(jobsUrl(), { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as { kind: string; reason: string; code: number; message: string; details?: { causes?: Array<{ field: string }> } } };
  }

  test('refuses invalid bodies with 422 and a Status naming the fields', async () => {
    const cases: Array<[string, (job: ReturnType<typeof validJob>) => unknown, string]> = [
      ['missing metadata.name', (job) => ({ ...job, metadata: {} }), 'metadata.name'],
      ['missing kind', ({ kind: _kind, ...job }) => job, 'kind'],
      ['missing apiVersion', ({ apiVersion: _apiVersion, ...job }) => job, 'apiVersion'],
      ['a name that is not DNS-1123', (job) => ({ ...job, metadata: { name: 'Not_A_Name' } }), 'metadata.name'],
      ['restartPolicy Always', (job) => ({ ...job, spec: { template: { spec: { ...job.spec.template.spec, restartPolicy: 'Always' } } } }), 'spec.template.spec.restartPolicy'],
      ['restartPolicy missing (defaults to Always)', (job) => ({ ...job, spec: { template: { spec: { containers: job.spec.template.spec.containers } } } }), 'spec.template.spec.restartPolicy'],
      ['a container without image', (job) => ({ ...job, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'agent' }] } } } }), 'spec.template.spec.containers[0].image'],
      [
        'a limit that is not a quantity',
        (job) => ({ ...job, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'agent', image: 'x', resources: { limits: { 'nvidia.com/gpu': 'lots' } } }] } } } }),
        'spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]',
      ],
      [
        'a limit that is an object',
        (job) => ({ ...job, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'agent', image: 'x', resources: { limits: { memory: { value: 1 } } } }] } } } }),
        'spec.template.spec.containers[0].resources.limits[memory]',
      ],
      [
        'a fractional GPU',
        (job) => ({ ...job, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'agent', image: 'x', resources: { limits: { 'nvidia.com/gpu': '0.5' } } }] } } } }),
        'spec.template.spec.containers[0].resources.limits[nvidia.com/gpu]',
      ],
    ];
    for (const [label, mutate, field] of cases) {
      const response = await post(mutate(validJob('validation-case')));
      assert.equal(response.status, 422, label);
      assert.equal(response.body.kind, 'Status', label);
      assert.equal(response.body.reason, 'Invalid', label);
      assert.equal(response.body.code, 422, label);
      assert.ok(
        response.body.details?.causes?.some((cause) => cause.field === field),
        `${label}: ${JSON.stringify(response.body.details?.causes)}`,
      );
    }
    assert.equal(api.list('jobs', NAMESPACE).filter((job) => job.metadata.name === 'validation-case').length, 0);
  });

  test('the client sees the 422 as an ApiException', async () => {
    const batch = kubeConfigFor(api.url).makeApiClient(BatchV1Api);
    const job = validJob('client-invalid');
    await assert.rejects(
      batch.createNamespacedJob({ namespace: NAMESPACE, body: { ...job, spec: { template: { spec: { ...job.spec.template.spec, restartPolicy: 'Always' } } } } }),
      (error: unknown) => error instanceof ApiException && error.code === 422,
    );
  });

  test('401 without the token, 409 on duplicates, 404 on unknown names, 400 on a mismatched kind', async () => {
    assert.equal((await post(validJob('auth-case'), null)).status, 401);
    assert.equal((await post(validJob('auth-case'), 'wrong')).body.reason, 'Unauthorized');

    assert.equal((await post(validJob('duplicate-case'))).status, 201);
    const duplicate = await post(validJob('duplicate-case'));
    assert.equal(duplicate.status, 409);
    assert.equal(duplicate.body.reason, 'AlreadyExists');

    const missing = await fetch(`${jobsUrl()}/no-such-job`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(missing.status, 404);
    assert.equal(((await missing.json()) as { reason: string }).reason, 'NotFound');

    assert.equal((await post({ ...validJob('kind-case'), kind: 'Secret', apiVersion: 'v1' })).status, 400);

    const deleted = await fetch(`${jobsUrl()}/duplicate-case?propagationPolicy=Background`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(deleted.status, 200);
  });
});

/** Polls until `condition` holds; fails the test (instead of hanging it) after `timeoutMs`. */
async function waitFor(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
