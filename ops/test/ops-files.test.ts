// Static checks of what operators deploy (no Docker engine needed): the compose file, its env example,
// its paths, ports and flags, the op-deployer intent, and that genesis.json and rollup.json agree.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { loadGenesisHasher, rollupCommand } from '../../chain/src/rollup/command.ts';
import { parseParentDeployment } from '../../chain/src/rollup/parent-deployment.ts';
import { buildRollupConfig, readRollupParams } from '../../chain/src/rollup/rollup-config.ts';
import { orchestratorConfigSchema } from '../../backend/src/execution/orchestrator/config.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ops = join(root, 'ops');
const read = (path: string) => readFile(join(root, path), 'utf8');

type Service = {
  image?: string;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  command?: string[];
  volumes?: string[];
  env_file?: string[];
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
};
type Compose = { services: Record<string, Service>; volumes?: Record<string, unknown> };
type KnownFlags = {
  newest: Record<string, string>;
  components: Record<string, { flags: Record<string, string[]>; envVars: Record<string, string[]> }>;
};

async function compose(): Promise<{ text: string; doc: Compose }> {
  const text = await read('ops/docker-compose.yml');
  return { text, doc: parseYaml(text) as Compose };
}

/** KEY=VALUE lines of an env file (comments and blank lines skipped). */
function parseEnvFile(text: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const match = /^([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    assert.ok(match, `line ${index + 1} is not KEY=VALUE: ${raw}`);
    assert.ok(!vars.has(match[1]!), `${match[1]} is defined twice`);
    vars.set(match[1]!, match[2]!);
  }
  return vars;
}

/** The OP Stack services (the others are CR8's own, built from this repository). */
const opServices = (doc: Compose) => Object.entries(doc.services).filter(([name]) => !name.startsWith('cr8-'));

/** Which component's CLI a service runs, from its image. */
function component(service: Service): string {
  const name = /\/images\/([a-z-]+):/.exec(service.image ?? '')?.[1];
  assert.ok(name && ['op-geth', 'op-node', 'op-batcher', 'op-proposer'].includes(name), `unknown image ${service.image}`);
  return name;
}

/** The services' raw lines, to see commented-out alternatives (`# - --flag=...`) too. */
function serviceBlocks(text: string): Map<string, string[]> {
  const blocks = new Map<string, string[]>();
  let inServices = false;
  let current: string | undefined;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line) && !line.startsWith('#')) inServices = line.startsWith('services:');
    if (!inServices) continue;
    const name = /^ {2}([a-z0-9-]+):\s*$/.exec(line)?.[1];
    if (name) current = name;
    else if (/^ {2}#/.test(line) && !/^ {4}/.test(line)) current = undefined; // a top-level comment block ends a service
    if (current) blocks.set(current, [...(blocks.get(current) ?? []), line]);
  }
  return blocks;
}

test('the compose file and the env example parse, and every compose variable is documented in .env.example', async () => {
  const { text, doc } = await compose();
  assert.deepEqual(Object.keys(doc.services).sort(), ['cr8-orchestrator', 'op-batcher', 'op-geth', 'op-geth-init', 'op-node', 'op-proposer']);
  const env = parseEnvFile(await read('ops/.env.example'));
  // Every ${VAR}, ${VAR:-default} and ${VAR:?error}, commented-out lines included.
  const used = new Set([...text.matchAll(/\$\{([A-Z_][A-Z0-9_]*)(?:[:?-][^}]*)?\}/g)].map((m) => m[1]!));
  assert.ok(used.has('PARENT_RPC') && used.size > 10, `found only ${[...used].join(', ')}`);
  for (const name of used) assert.ok(env.has(name), `${name} is used in docker-compose.yml but not documented in ops/.env.example`);
  for (const name of env.keys()) assert.ok(used.has(name), `${name} is in ops/.env.example but docker-compose.yml never uses it`);
  // The documented defaults are the compose defaults.
  for (const m of text.matchAll(/\$\{([A-Z_][A-Z0-9_]*):-([^}]*)\}/g))
    assert.equal(env.get(m[1]!), m[2], `ops/.env.example ${m[1]} differs from the compose default`);
});

test('every OP Stack image is pinned to a published OP Labs tag', async () => {
  const { doc } = await compose();
  for (const [name, service] of opServices(doc)) {
    const image = /^\$\{[A-Z_]+:-(.+)\}$/.exec(service.image ?? '')?.[1] ?? service.image ?? '';
    assert.match(
      image,
      /^us-docker\.pkg\.dev\/oplabs-tools-artifacts\/images\/op-[a-z]+:v\d+\.\d+\.\d+$/,
      `${name}: ${image} is not a pinned release tag`,
    );
  }
});

test('every file the compose file mounts exists, or is a generated/secret file the runbook lists', async () => {
  const { doc } = await compose();
  const readme = await read('ops/README.md');
  const gitignore = await read('ops/.gitignore');
  const declaredVolumes = new Set(Object.keys(doc.volumes ?? {}));
  const sources: string[] = [];
  for (const [name, service] of Object.entries(doc.services)) {
    for (const volume of service.volumes ?? []) {
      const source = volume.split(':')[0]!;
      if (source.startsWith('.') || source.startsWith('/')) sources.push(source);
      else assert.ok(declaredVolumes.has(source), `${name}: named volume ${source} is not declared under volumes:`);
    }
    for (const file of service.env_file ?? []) sources.push(file);
  }
  assert.ok(sources.length >= 8, sources.join(', '));
  for (const source of new Set(sources)) {
    assert.ok(source.startsWith('./'), `${source}: mount paths are relative to ops/`);
    const repoPath = `ops/${source.slice(2)}`;
    if (existsSync(join(ops, source))) continue;
    assert.ok(
      readme.includes(`\`${repoPath}\``),
      `${repoPath} does not exist and ops/README.md does not list it as a generated or secret file`,
    );
    const ignored = gitignore
      .split('\n')
      .some((line) => line === repoPath.slice(4) || (line.endsWith('/*') && repoPath.slice(4).startsWith(line.slice(0, -1))));
    assert.ok(ignored, `${repoPath} is generated or secret but not gitignored in ops/.gitignore`);
    if (repoPath.startsWith('ops/secrets/'))
      assert.ok(existsSync(join(root, `${repoPath}.example`)), `${repoPath} has no committed .example placeholder`);
  }
});

test('secrets are placeholders only, and their variables are real env vars of the service that reads them', async () => {
  const { doc } = await compose();
  const known = JSON.parse(await read('ops/test/known-flags.json')) as KnownFlags;
  for (const [name, service] of Object.entries(doc.services)) {
    for (const file of service.env_file ?? []) {
      const example = parseEnvFile(await read(`ops/${file.slice(2)}.example`));
      assert.ok(example.size > 0, `${file}.example defines nothing`);
      for (const [key, value] of example) {
        if (name.startsWith('cr8-')) assert.ok(key in orchestratorConfigSchema.shape, `${name}: ${key} (${file}) is not a variable cr8 orchestrator reads`);
        else
          assert.ok(
            known.components[component(service)]!.envVars[key],
            `${name}: ${key} (${file}) is not an env var ${component(service)} reads`,
          );
        assert.doesNotMatch(value, /[0-9a-fA-F]{64}/, `${file}.example must not contain a key`);
      }
    }
  }
  assert.doesNotMatch(await read('ops/secrets/jwt.txt.example'), /^(0x)?[0-9a-fA-F]{64}\s*$/);
});

test('every --flag is defined by the component that runs it (ops/test/known-flags.json)', async () => {
  const { text, doc } = await compose();
  const known = JSON.parse(await read('ops/test/known-flags.json')) as KnownFlags;
  const blocks = serviceBlocks(text);
  let checked = 0;
  for (const [name, service] of opServices(doc)) {
    const c = component(service);
    const flags = known.components[c]!.flags;
    const newest = known.newest[c]!;
    assert.ok(service.command && service.command.length > 0, `${name} has no command`);
    for (const arg of service.command) {
      if (!arg.startsWith('-')) continue;
      const flag = /^--?([a-z0-9][a-z0-9.-]*)(=.*)?$/.exec(arg)?.[1];
      assert.ok(flag, `${name}: cannot read the flag in ${JSON.stringify(arg)}`);
      assert.ok(flags[flag]?.includes(newest), `${name}: --${flag} is not a ${c} flag in the ${newest} flag definitions`);
      checked++;
    }
    // Commented-out alternatives must be real flags too (of any listed release).
    for (const line of blocks.get(name) ?? []) {
      const flag = /^\s*#\s*-\s*--([a-z0-9][a-z0-9.-]*)/.exec(line)?.[1];
      if (!flag) continue;
      assert.ok(flags[flag], `${name}: commented --${flag} is not a ${c} flag in any listed release`);
      checked++;
    }
  }
  assert.ok(checked > 60, `only ${checked} flags checked`);
  // The L3 settings the runbook relies on are really there.
  const opNode = doc.services['op-node']!.command!.join(' ');
  for (const flag of [
    '--l1.beacon.ignore',
    '--l1.trustrpc',
    '--sequencer.enabled',
    '--sequencer.l1-confs',
    '--verifier.l1-confs',
    '--rollup.l1-chain-config',
  ])
    assert.ok(opNode.includes(flag), `op-node lacks ${flag}`);
  assert.ok(doc.services['op-batcher']!.command!.includes('--data-availability-type=calldata'));
  assert.match(text, /#\s*- --l2oo-address=/, 'the L2OutputOracle alternative is shown');
  assert.ok(doc.services['op-proposer']!.command!.some((arg) => arg.startsWith('--game-factory-address=')));
});

test('every port is unique on the host and documented in ops/README.md', async () => {
  const { doc } = await compose();
  const readme = await read('ops/README.md');
  const table = new Set([...readme.matchAll(/^\| (\d{2,5}) \|/gm)].map((m) => Number(m[1])));
  const published = new Map<string, string>();
  const numbers = new Set<number>();
  for (const [name, service] of Object.entries(doc.services)) {
    for (const port of service.ports ?? []) {
      const match = /^(?:(?:\$\{[A-Z_]+:-)?([0-9.]+)\}?:)?(\d+):(\d+)(?:\/(tcp|udp))?$/.exec(port);
      assert.ok(match, `${name}: cannot read port mapping ${port}`);
      const key = `${match[2]}/${match[4] ?? 'tcp'}`;
      assert.ok(!published.has(key), `host port ${key} is published by both ${published.get(key)} and ${name}`);
      published.set(key, name);
      numbers.add(Number(match[2]));
      numbers.add(Number(match[3]));
    }
    // Ports the services listen on (also the unpublished ones, e.g. the Engine API).
    for (const arg of service.command ?? []) {
      const port = /^--[a-z.]*port=(\d+)$/.exec(arg)?.[1] ?? /^--p2p\.listen\.(?:tcp|udp)=(\d+)$/.exec(arg)?.[1];
      if (port) numbers.add(Number(port));
    }
  }
  assert.ok(published.size >= 10, [...published.keys()].join(', '));
  for (const n of numbers) assert.ok(table.has(n), `port ${n} is not in the ports table of ops/README.md`);
  const listening = [...numbers].filter((n) => n !== 9222);
  assert.equal(new Set(listening).size, listening.length);
});

test('services start in order and have health checks', async () => {
  const { doc } = await compose();
  const s = doc.services;
  assert.equal(s['op-geth']!.depends_on?.['op-geth-init']?.condition, 'service_completed_successfully');
  assert.equal(s['op-node']!.depends_on?.['op-geth']?.condition, 'service_healthy');
  assert.equal(s['op-batcher']!.depends_on?.['op-node']?.condition, 'service_healthy');
  assert.equal(s['op-proposer']!.depends_on?.['op-node']?.condition, 'service_healthy');
  for (const name of ['op-geth', 'op-node', 'op-batcher', 'op-proposer']) {
    const check = s[name]!.healthcheck?.test;
    assert.ok(check && check[0] === 'CMD', `${name} has no exec-form health check`);
    const port = /:(\d+)/.exec(check.at(-1)!)?.[1];
    assert.ok(
      s[name]!.command!.some((arg) => arg.endsWith(`port=${port}`)),
      `${name}'s health check probes port ${port}, which it does not listen on`,
    );
  }
  const init = s['op-geth-init']!.command!;
  assert.equal(init[0], 'init');
  const scheme = (args: string[]) => args.find((arg) => arg.startsWith('--state.scheme='));
  assert.equal(scheme(init), scheme(s['op-geth']!.command!), 'geth init and op-geth must use the same state scheme');
});

test('the op-deployer intent parses and matches genesis-params.json', async () => {
  const intent = parseToml(await read('ops/op-deployer/intent.toml')) as Record<string, any>;
  const params = JSON.parse(await read('chain/config/genesis-params.json'));
  assert.equal(intent.configType, 'custom');
  assert.equal(intent.l1ChainID, params.parentChainId);
  assert.equal(intent.chains.length, 1);
  const chain = intent.chains[0];
  assert.match(chain.id, /^0x[0-9a-f]{64}$/);
  assert.equal(BigInt(chain.id), BigInt(params.chainId), 'the chain intent id is genesis-params.json chainId');
  assert.equal(BigInt(chain.id), 888_008n);
  assert.equal(chain.gasLimit, params.gasLimit);
  assert.equal(chain.eip1559Elasticity, params.eip1559.elasticity);
  assert.equal(chain.eip1559Denominator, params.eip1559.denominator);
  assert.equal(chain.eip1559DenominatorCanyon, params.eip1559.denominatorCanyon);
  assert.equal(chain.deployOverrides.l2BlockTime, params.blockTime);
  const cgt = chain.customGasToken;
  assert.deepEqual(Object.keys(cgt).sort(), ['initialLiquidity', 'liquidityControllerOwner', 'name', 'symbol']);
  assert.equal(cgt.name, params.gasToken.name);
  assert.equal(cgt.symbol, params.gasToken.symbol);
  assert.match(cgt.initialLiquidity, /^0x[1-9a-f][0-9a-f]*$/, 'hexutil.Big: 0x-prefixed, no leading zeros');
  assert.equal(BigInt(cgt.initialLiquidity), BigInt(params.nativeLiquidity));
  assert.equal(cgt.liquidityControllerOwner, params.owners.liquidityControllerOwner);
  assert.equal(chain.roles.l2ProxyAdminOwner, params.owners.proxyAdminOwner);
  for (const role of [
    'l1ProxyAdminOwner',
    'l2ProxyAdminOwner',
    'systemConfigOwner',
    'unsafeBlockSigner',
    'batcher',
    'proposer',
    'challenger',
  ])
    assert.match(chain.roles[role], /^0x[0-9a-fA-F]{40}$/, `roles.${role}`);
  for (const role of ['superchainProxyAdminOwner', 'superchainGuardian', 'protocolVersionsOwner', 'challenger'])
    assert.match(intent.superchainRoles[role], /^0x[0-9a-fA-F]{40}$/, `superchainRoles.${role}`);
  // op-deployer's own outputs agree with what cr8 rollup writes for the same chain.
  const deployment = parseParentDeployment(JSON.parse(await read('ops/config/parent-deployment.example.json')));
  const rollup = buildRollupConfig({
    params: await readRollupParams(join(root, 'chain/config/genesis-params.json')),
    l2Genesis: { hash: `0x${'11'.repeat(32)}`, timestamp: params.timestamp },
    deployment,
  });
  assert.equal(chain.deployOverrides.sequencerWindowSize, rollup.seq_window_size);
  assert.equal(chain.roles.batcher, rollup.genesis.system_config.batcherAddr, 'the example deployment names the intent batcher');
});

test('genesis.json and rollup.json agree on the chain id and the L2 genesis hash', async () => {
  const genesisPath = join(root, 'genesis.json');
  assert.ok(
    existsSync(genesisPath),
    `genesis.json is missing at ${genesisPath}: run \`bin/cr8 genesis build\` (make genesis) first. This check compares op-geth's ` +
      'genesis hash with the rollup.json cr8 rollup builds from it, and cannot run without it.',
  );
  const computeGenesisHash = await loadGenesisHasher();
  assert.ok(
    computeGenesisHash,
    'predeploys/src/genesis-hash/genesis-hash.ts is missing: cannot compute the L2 genesis hash op-geth will compute',
  );
  const genesis = JSON.parse(await readFile(genesisPath, 'utf8')) as { config: { chainId: number }; timestamp: string };
  const expected = await computeGenesisHash(genesis);

  const dir = await mkdtemp(join(tmpdir(), 'cr8-ops-'));
  try {
    const out = join(dir, 'rollup.json');
    await rollupCommand({ log: () => {} })
      .exitOverride()
      .parseAsync(
        [
          '--deployment',
          join(ops, 'config/parent-deployment.example.json'),
          '--genesis',
          genesisPath,
          '--params',
          join(root, 'chain/config/genesis-params.json'),
          '--out',
          out,
        ],
        { from: 'user' },
      );
    const rollup = JSON.parse(await readFile(out, 'utf8'));
    assert.equal(rollup.l2_chain_id, genesis.config.chainId, 'rollup.json l2_chain_id vs genesis.json config.chainId');
    assert.equal(rollup.genesis.l2.hash, expected.hash, 'rollup.json genesis.l2.hash vs the hash of genesis.json');
    assert.equal(rollup.genesis.l2.number, 0);
    assert.equal(rollup.genesis.l2_time, Number(BigInt(genesis.timestamp)), 'rollup.json l2_time vs genesis.json timestamp');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  // A rollup.json generated for operators (repo root or ops/config) must match this genesis as well.
  for (const path of [join(root, 'rollup.json'), join(ops, 'config/rollup.json')]) {
    if (!existsSync(path)) continue;
    const rollup = JSON.parse(await readFile(path, 'utf8'));
    assert.equal(rollup.l2_chain_id, genesis.config.chainId, `${path}: l2_chain_id`);
    assert.equal(rollup.genesis.l2.hash, expected.hash, `${path} was built from another genesis.json: run cr8 rollup again`);
  }
});

test('the CR8 orchestrator runs beside the sequencer: posts through op-geth, valid config, health on its status port', async () => {
  const { doc } = await compose();
  const service = doc.services['cr8-orchestrator']!;
  assert.deepEqual(service.command, ['orchestrator']);
  assert.equal(service.build?.context, '..');
  assert.ok(existsSync(join(root, service.build!.dockerfile)), `${service.build!.dockerfile} does not exist`);
  assert.match(await read(service.build!.dockerfile), /ENTRYPOINT \["bin\/cr8"\]/);
  assert.equal(service.depends_on?.['op-geth']?.condition, 'service_healthy');
  // Receipts go through the sequencer's own execution client, on the port op-geth serves HTTP on.
  const rpc = new URL(service.environment!.CHAIN_RPC_URL!);
  assert.equal(rpc.hostname, 'op-geth');
  assert.ok(doc.services['op-geth']!.command!.includes(`--http.port=${rpc.port}`), `op-geth does not serve HTTP on ${rpc.port}`);
  // The environment, with .env.example's values and the secrets file's variables filled in, is a
  // config cr8 orchestrator starts with; every variable it sets is one it reads.
  const env = parseEnvFile(await read('ops/.env.example'));
  const resolved = Object.fromEntries(
    Object.entries(service.environment!).map(([key, value]) => [key, String(value).replace(/\$\{([A-Z0-9_]+):-[^}]*\}/g, (_whole, name: string) => env.get(name)!)]),
  );
  for (const key of Object.keys(resolved)) assert.ok(key in orchestratorConfigSchema.shape, `cr8-orchestrator sets ${key}, which cr8 orchestrator does not read`);
  const secrets = { DATABASE_URL: 'postgres://cr8:pw@postgres.internal:5432/cr8', REDIS_URL: 'redis://redis.internal:6379', ORCHESTRATOR_PRIVATE_KEY: `0x${'11'.repeat(32)}`, SECRETS_KEY: randomBytes(32).toString('hex') };
  assert.deepEqual(Object.keys(secrets).sort(), [...parseEnvFile(await read('ops/secrets/orchestrator.env.example')).keys()].sort());
  const config = orchestratorConfigSchema.parse({ ...resolved, ...secrets });
  assert.equal(config.CHAIN_ID, (JSON.parse(await read('genesis.json')) as { config: { chainId: number } }).config.chainId, 'L3_CHAIN_ID is not the chain id of genesis.json');
  assert.equal(config.ORCHESTRATOR_STATUS_HOST, '0.0.0.0', 'the status port must listen beyond the container');
  // The health check asks /ready on the status port, which is published on loopback only.
  const check = service.healthcheck!.test;
  assert.equal(check[0], 'CMD');
  assert.match(check.at(-1)!, new RegExp(`127\\.0\\.0\\.1:${config.ORCHESTRATOR_STATUS_PORT}/ready`));
  assert.deepEqual(service.ports, [`127.0.0.1:${config.ORCHESTRATOR_STATUS_PORT}:${config.ORCHESTRATOR_STATUS_PORT}`]);
});
