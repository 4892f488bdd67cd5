// The EIP-712 SpendingAuthorization a payer signs for the CreditVault (contracts/src/interfaces/
// ICreditVault.sol): "orchestrator may charge me, in total, up to cumulativeAmount". The vault checks it
// on every charge, against its own domain: {name "CR8 CreditVault", version "1", chainId, the vault's
// address}. The typed data goes straight into viem's signTypedData, verifyTypedData and hashTypedData.
// (It belongs beside registerAgentTypedData in @cr8/contracts; it lives here until it moves there.)
import { type Address, getAddress, hashTypedData, type Hex, type TypedDataDefinition } from 'viem';

export const creditVaultDomainName = 'CR8 CreditVault';
export const creditVaultDomainVersion = '1';

export const spendingAuthorizationTypes = {
  SpendingAuthorization: [
    { name: 'payer', type: 'address' },
    { name: 'orchestrator', type: 'address' },
    { name: 'cumulativeAmount', type: 'uint256' },
  ],
} as const;

export const spendingAuthorizationPrimaryType = 'SpendingAuthorization';

export type SpendingAuthorizationTypedDataParameters = {
  chainId: number;
  /** The CreditVault (its predeploy proxy, 0xC800…0010, unless configured otherwise). */
  creditVault: Address;
  payer: Address;
  orchestrator: Address;
  cumulativeAmount: bigint;
};

export type SpendingAuthorizationTypedData = TypedDataDefinition<typeof spendingAuthorizationTypes, typeof spendingAuthorizationPrimaryType>;

export function spendingAuthorizationTypedData(parameters: SpendingAuthorizationTypedDataParameters): SpendingAuthorizationTypedData {
  return {
    // Checksummed: the hash is the same, and wallets show addresses so.
    domain: { name: creditVaultDomainName, version: creditVaultDomainVersion, chainId: parameters.chainId, verifyingContract: getAddress(parameters.creditVault) },
    types: spendingAuthorizationTypes,
    primaryType: spendingAuthorizationPrimaryType,
    message: { payer: getAddress(parameters.payer), orchestrator: getAddress(parameters.orchestrator), cumulativeAmount: parameters.cumulativeAmount },
  };
}

/** The typed data as JSON for a wallet's eth_signTypedData_v4: integers as decimal strings, and the
 *  EIP712Domain type spelled out (viem derives it; raw wallet RPC needs it), plus the digest signed. */
export function spendingAuthorizationTypedDataJson(typedData: SpendingAuthorizationTypedData): { typedData: Record<string, unknown>; digest: Hex } {
  return {
    typedData: {
      domain: typedData.domain,
      types: {
        EIP712Domain: [
          { name: 'name', type: 'string' },
          { name: 'version', type: 'string' },
          { name: 'chainId', type: 'uint256' },
          { name: 'verifyingContract', type: 'address' },
        ],
        ...typedData.types,
      },
      primaryType: typedData.primaryType,
      message: { ...typedData.message, cumulativeAmount: typedData.message.cumulativeAmount.toString() },
    },
    digest: hashTypedData(typedData),
  };
}
