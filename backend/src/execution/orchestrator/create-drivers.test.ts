// The drivers an orchestrator's config asks for: local always, inference and kubernetes when configured
// (the Kubernetes client loaded only then), and a clear failure for a kubeconfig that cannot be read.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { loadConfig } from '../../service/config.ts';
import { createLogger } from '../../service/logger.ts';
import { orchestratorConfigSchema } from './config.ts';
import { createDrivers } from './create-drivers.ts';

const required = { DATABASE_URL: 'postgres://cr8@127.0.0.1:5432/cr8', ORCHESTRATOR_PRIVATE_KEY: `0x${'11'.repeat(32)}`, SECRETS_KEY: randomBytes(32).toString('hex') };
const logger = createLogger({ service: 'create-drivers-test', destination: { write: () => {} } });
let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cr8-drivers-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

test('local only by default, its work directory created', async () => {
  const workDir = join(dir, 'runs-default');
  const drivers = await createDrivers(loadConfig('cr8 orchestrator', orchestratorConfigSchema, { ...required, LOCAL_DRIVER_WORK_DIR: workDir }), logger);
  try {
    assert.deepEqual(Object.keys(drivers), ['local']);
    assert.equal(drivers.local!.runtime, 'local');
    assert.ok(existsSync(workDir));
  } finally {
    await Promise.all(Object.values(drivers).map((driver) => driver.close()));
  }
});

test('inference and kubernetes when configured, each under its runtime', async () => {
  const kubeconfig = join(dir, 'kubeconfig.yaml');
  await writeFile(
    kubeconfig,
    'apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: "http://127.0.0.1:1"}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n',
  );
  const config = loadConfig('cr8 orchestrator', orchestratorConfigSchema, { ...required, LOCAL_DRIVER_WORK_DIR: join(dir, 'runs'), INFERENCE_BASE_URL: 'http://127.0.0.1:1/v1', KUBECONFIG: kubeconfig });
  const drivers = await createDrivers(config, logger);
  try {
    assert.deepEqual(Object.keys(drivers).sort(), ['inference', 'kubernetes', 'local']);
    for (const [runtime, driver] of Object.entries(drivers)) assert.equal(driver!.runtime, runtime);
  } finally {
    await Promise.all(Object.values(drivers).map((driver) => driver.close()));
  }
});

test('a KUBECONFIG that cannot be read fails the start, naming the file', async () => {
  const missing = join(dir, 'no-such-kubeconfig');
  await assert.rejects(createDrivers(loadConfig('cr8 orchestrator', orchestratorConfigSchema, { ...required, LOCAL_DRIVER_WORK_DIR: join(dir, 'runs-missing'), KUBECONFIG: missing }), logger), (error: Error) => error.message.includes(missing));
});
