// The `cr8` command line: a thin dispatcher over the commands each package exports.
import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { apiCommand, dbCommand, indexerCommand, orchestratorCommand } from '@cr8/backend/commands';
import { bridgeCommand } from '@cr8/bridge/commands';
import { devnetCommand } from '@cr8/chain/commands';
import { rollupCommand } from '@cr8/chain/rollup';
import { contractsCommand } from '@cr8/contracts/commands';
import { genesisCommand } from '@cr8/predeploys/commands';
import { devCommand } from './dev-command.ts';

const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

export function buildProgram(): Command {
  return new Command('cr8')
    .description('CR8: AI agents owned on-chain and executed off-chain, on the CR8 OP Stack L3.')
    .version(version, '-v, --version', 'print the cr8 version')
    .showHelpAfterError('(run with --help for usage)')
    .addCommand(devCommand())
    .addCommand(devnetCommand())
    .addCommand(genesisCommand())
    .addCommand(rollupCommand())
    .addCommand(bridgeCommand())
    .addCommand(dbCommand())
    .addCommand(apiCommand())
    .addCommand(indexerCommand())
    .addCommand(orchestratorCommand())
    .addCommand(contractsCommand());
}
