export { type BridgeContext, devnetBridgeContext } from './context.ts';
export { depositCR8, type DepositResult } from './deposit.ts';
export { BridgeError, type BridgeErrorCode } from './errors.ts';
export { bridgeStatus, type BridgeStatus } from './status.ts';
export { finalizeWithdrawalOf, initiateWithdrawal, proveWithdrawalOf, withdrawalStatus, type WithdrawalStatus } from './withdraw.ts';
