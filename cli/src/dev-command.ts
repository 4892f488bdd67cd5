// `cr8 dev`: the whole local system in one command: the devnet (parent chain, CR8 L3, relayer,
// proposer) and the backend (PostgreSQL, embedded unless DATABASE_URL is set; the API; the indexer).
import { Command, InvalidArgumentError } from 'commander';
import { addDevnetOptions, type DevnetOptions, parsePort, printDevnet, startDevnetFromOptions, untilInterrupted } from '@cr8/chain/commands';
import type { startDevBackend } from '@cr8/backend/dev';
import { DEFAULT_BACKEND_DIR, DEFAULT_EMBEDDED_POSTGRES_PORT, DEFAULT_INDEXER_STATUS_PORT, DEFAULT_ORCHESTRATOR_STATUS_PORT } from '@cr8/backend/dev/defaults';

type DevOptions = DevnetOptions & { backend: boolean; apiPort: number; postgresPort: number; indexerStatusPort: number; orchestratorStatusPort: number; backendDir: string };

export function devCommand(): Command {
  return addDevnetOptions(
    new Command('dev')
      .summary('run the whole local CR8 system (chains, relayer, proposer, PostgreSQL, API, indexer, orchestrator) until Ctrl-C')
      .description(
        'Starts the devnet (as `cr8 devnet`: parent chain, CR8 L3 with every CR8 module a predeploy, deposit relayer, ' +
          'dev proposer) and the backend: PostgreSQL (an embedded server in --backend-dir unless DATABASE_URL is set), ' +
          'the API (GraphQL, REST, /health /ready /metrics), the chain indexer, and the orchestrator (execution worker, ' +
          'local agents, receipts poster) with the example agents registered and a funded dev payer. Redis comes from ' +
          'REDIS_URL (default 127.0.0.1:6379). Everything listens on 127.0.0.1. ' +
          'Data starts fresh unless --persist. Other backend settings come from the environment (see README).',
      ),
  )
    .option('--no-backend', 'start only the chains (same as `cr8 devnet`)')
    .option('--api-port <port>', 'API port', parsePort, 4000)
    .option('--postgres-port <port>', 'embedded PostgreSQL port (ignored when DATABASE_URL is set)', parsePort, DEFAULT_EMBEDDED_POSTGRES_PORT)
    .option('--indexer-status-port <port>', "the indexer's /health, /ready, /metrics port", parsePort, DEFAULT_INDEXER_STATUS_PORT)
    .option('--orchestrator-status-port <port>', "the orchestrator's /health, /ready, /metrics port", parsePort, DEFAULT_ORCHESTRATOR_STATUS_PORT)
    .option('--backend-dir <dir>', 'where the embedded PostgreSQL and other backend data live', nonEmpty, DEFAULT_BACKEND_DIR)
    .action(async (options: DevOptions) => {
      const started = Date.now();
      const devnet = await startDevnetFromOptions(options);
      let backend: Awaited<ReturnType<typeof startDevBackend>> | undefined;
      try {
        if (options.backend) {
          // Loaded only here: the backend's modules (the orchestrator's Kubernetes client among them) are
          // large, and every other cr8 command would pay for parsing and keeping them.
          const { startDevBackend } = await import('@cr8/backend/dev');
          backend = await startDevBackend({
            directory: options.backendDir,
            postgresPort: options.postgresPort,
            apiPort: options.apiPort,
            indexerStatusPort: options.indexerStatusPort,
            orchestratorStatusPort: options.orchestratorStatusPort,
            chainRpcUrl: devnet.l3.rpcUrl,
            persist: options.persist,
            onProgress: (message) => console.log(`… ${message}`),
          });
        }
      } catch (error) {
        await devnet.stop();
        throw error;
      }
      console.log(`\nCR8 dev system ready in ${((Date.now() - started) / 1000).toFixed(1)} s${devnet.resumed ? ' (resumed)' : ''}\n`);
      printDevnet(devnet);
      if (backend) {
        console.log('\n  Backend');
        console.log(`    API          ${backend.apiUrl}/graphql   REST ${backend.apiUrl}/api   OpenAPI ${backend.apiUrl}/openapi.json`);
        console.log(`    PostgreSQL   ${backend.database}${backend.embeddedPostgres ? ' (embedded)' : ''}`);
        console.log(`    Indexer      ${backend.indexerStatusUrl}/ready   (events of every CR8 contract → chain_events)`);
        console.log(`    IPFS (Helia) ${backend.apiUrl}/ipfs/<cid>   blocks in ${backend.ipfsDir}`);
        console.log('    KYC          sandbox provider; attestations by dev account 3; registrations relayed by dev account 7');
        console.log(`    Orchestrator ${backend.orchestratorStatusUrl}/ready   (dev account 6 ${backend.execution.orchestrator}: worker, local agents, receipts poster)`);
        console.log(`    Agents       ${backend.execution.agents.map((agent) => `${agent.name} (${agent.id}, on-chain #${agent.onchainId})`).join(', ')}`);
        console.log(`    Payer        dev account 9 ${backend.execution.payer}: 10 CR8 in its CreditVault channel, API key ${backend.execution.payerApiKey}`);
      }
      console.log('\n  Try: bin/cr8 bridge deposit --amount 100');
      if (backend) {
        const agent = backend.execution.agents.find((candidate) => candidate.name === 'text-stats') ?? backend.execution.agents[0]!;
        console.log(`       curl ${backend.apiUrl}/api/agents`);
        console.log(`       curl -H 'authorization: Bearer ${backend.execution.payerApiKey}' -H 'content-type: application/json' \\`);
        console.log(`            -d '{"input":{"text":"CR8 runs agents off-chain and settles them on-chain."}}' ${backend.apiUrl}/api/v1/agents/${agent.id}/execute`);
        console.log(`       curl -H 'authorization: Bearer ${backend.execution.payerApiKey}' ${backend.apiUrl}/api/v1/executions/<executionId>   (its receipt settles on the L3 within seconds)`);
      }
      console.log('  Press Ctrl-C to stop.\n');
      await untilInterrupted();
      console.log('\nstopping…');
      await backend?.stop();
      await devnet.stop();
      console.log(options.persist ? `stopped; state kept in ${options.stateDir} and ${options.backendDir}` : 'stopped');
    });
}

function nonEmpty(value: string): string {
  if (!value.trim()) throw new InvalidArgumentError('must not be empty');
  return value;
}
