// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IPredeployProxy} from "../interfaces/IPredeployProxy.sol";
import {ERC1967Utils} from "@openzeppelin/contracts/proxy/ERC1967/ERC1967Utils.sol";

/// @title PredeployProxy
/// @notice The proxy every upgradeable CR8 contract sits behind: EIP-1967 slots, transparent to everyone
///         but the admin, with the admin read from the EIP-1967 admin slot rather than an immutable.
///         That is what lets a genesis file place a CR8 predeploy with storage alone (admin slot =
///         the ProxyAdmin, implementation slot = the code), exactly as OP's predeploy proxies work.
///         OpenZeppelin 5's TransparentUpgradeableProxy instead fixes its admin as an immutable created
///         in its constructor, which a genesis alloc cannot express; its ProxyAdmin works with this
///         proxy unchanged (it calls `upgradeToAndCall`).
/// @dev As in OP's Proxy, `admin()` and `implementation()` also answer `address(0)`, so off-chain
///      tools can read them with eth_call without impersonating the admin.
contract PredeployProxy is IPredeployProxy {
    /// @notice Calls from anyone but the admin (or address(0) for eth_call) pass through to the implementation.
    modifier proxyCallIfNotAdmin() {
        if (msg.sender == ERC1967Utils.getAdmin() || msg.sender == address(0)) {
            _;
        } else {
            _delegate(ERC1967Utils.getImplementation());
        }
    }

    /// @param initialAdmin The ProxyAdmin (or any account) allowed to upgrade.
    constructor(address initialAdmin) {
        ERC1967Utils.changeAdmin(initialAdmin);
    }

    receive() external payable {
        _delegate(ERC1967Utils.getImplementation());
    }

    fallback() external payable {
        _delegate(ERC1967Utils.getImplementation());
    }

    /// @inheritdoc IPredeployProxy
    function upgradeTo(address newImplementation) external proxyCallIfNotAdmin {
        _setImplementation(newImplementation);
    }

    /// @inheritdoc IPredeployProxy
    function upgradeToAndCall(address newImplementation, bytes calldata data)
        external
        payable
        proxyCallIfNotAdmin
        returns (bytes memory)
    {
        _setImplementation(newImplementation);
        // As OpenZeppelin's ERC1967Utils.upgradeToAndCall: empty data means "no call" (what ProxyAdmin 5
        // sends for a plain upgrade), rather than a call to the implementation's receive function, which
        // CR8 contracts do not have; value sent with no call would be stranded, so it is refused.
        if (data.length == 0) {
            if (msg.value != 0) revert ERC1967Utils.ERC1967NonPayable();
            return "";
        }
        (bool success, bytes memory returndata) = newImplementation.delegatecall(data);
        if (!success) revert UpgradeCallFailed(returndata);
        return returndata;
    }

    /// @inheritdoc IPredeployProxy
    function changeAdmin(address newAdmin) external proxyCallIfNotAdmin {
        ERC1967Utils.changeAdmin(newAdmin); // emits AdminChanged; rejects the zero address
    }

    /// @inheritdoc IPredeployProxy
    function admin() external proxyCallIfNotAdmin returns (address) {
        return ERC1967Utils.getAdmin();
    }

    /// @inheritdoc IPredeployProxy
    function implementation() external proxyCallIfNotAdmin returns (address) {
        return ERC1967Utils.getImplementation();
    }

    function _setImplementation(address newImplementation) private {
        if (newImplementation.code.length == 0) revert ImplementationHasNoCode(newImplementation);
        // Writes the slot directly (not ERC1967Utils.upgradeToAndCall) so the empty-calldata,
        // non-payable checks of OpenZeppelin's UUPS flavour do not apply to a plain upgradeTo.
        assembly ("memory-safe") {
            sstore(0x360894a13ba1a3210667c828492db98dca3e2076cc3735a920a3ca505d382bbc, newImplementation)
        }
        emit Upgraded(newImplementation);
    }

    function _delegate(address impl) private {
        if (impl == address(0)) revert ImplementationNotSet();
        assembly {
            calldatacopy(0, 0, calldatasize())
            let result := delegatecall(gas(), impl, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            switch result
            case 0 { revert(0, returndatasize()) }
            default { return(0, returndatasize()) }
        }
    }
}
