// The devnet's funded accounts: anvil's well-known test mnemonic. Public knowledge, never for real funds.
import { type Address, type Hex, toHex } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';

export const DEV_MNEMONIC = 'test test test test test test test test test test test junk';

export type DevAccount = { index: number; address: Address; privateKey: Hex };

/** The first `count` accounts anvil funds at start. */
export function devAccounts(count = 10): DevAccount[] {
  return Array.from({ length: count }, (_, index) => {
    const account = mnemonicToAccount(DEV_MNEMONIC, { addressIndex: index });
    const key = account.getHdKey().privateKey;
    if (!key) throw new Error(`no private key derived for dev account ${index}`);
    return { index, address: account.address, privateKey: toHex(key) };
  });
}
