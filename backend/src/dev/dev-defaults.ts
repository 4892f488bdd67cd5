// `cr8 dev`'s defaults, apart from the code that starts the backend: the CLI reads them to build its
// options, and importing them must not load the backend (the orchestrator alone pulls in the Kubernetes
// client, ~10 MB of source every `cr8` command would otherwise parse and keep in its heap).
import { join } from 'node:path';
import { repoRoot } from '@cr8/contracts/toolchain';

export const DEFAULT_BACKEND_DIR = join(repoRoot, '.cr8', 'backend');
export const DEFAULT_EMBEDDED_POSTGRES_PORT = 5433;
export const DEFAULT_INDEXER_STATUS_PORT = 9464;
/** Dev account 7 of anvil's public test mnemonic: relays registerAgentFor on the devnet. */
export const DEVNET_REGISTRATION_RELAYER_PRIVATE_KEY = '0x4bbbf85ce3377467afe5d46f804f221813b2bb87f24d81f60f1fcdbf7cbf4356';
/** Dev account 6: the devnet's orchestrator (runs executions, posts their receipts). */
export const DEVNET_ORCHESTRATOR_PRIVATE_KEY = '0x92db14e403b83dfe3df233f83dfa3a0d7096f21ca9b0d6d6b8d88b2b4ec1564e';
/** Dev account 8 registers the example agents; dev account 9 pays for executions. */
export const DEVNET_EXAMPLE_CREATOR_PRIVATE_KEY = '0xdbda1821b80551c9d65939329250298aa3472ba22feea921c0cf5d620ea67b97';
export const DEVNET_PAYER_PRIVATE_KEY = '0x2a871d0798f97d79848a013d4936a73bf4cc922c825d33c1cf7073dff6d409c6';
export const DEFAULT_ORCHESTRATOR_STATUS_PORT = 9465;
