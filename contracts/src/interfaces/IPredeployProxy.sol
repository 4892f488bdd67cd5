// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @title IPredeployProxy
/// @notice An EIP-1967 proxy whose admin lives in the EIP-1967 admin slot (as in OP's predeploy
///         Proxy), so genesis can set it with storage alone. Calls from the admin reach these
///         functions; everyone else's calls reach the implementation.
interface IPredeployProxy {
    event Upgraded(address indexed implementation);
    event AdminChanged(address previousAdmin, address newAdmin);

    /// @notice The new implementation has no code.
    error ImplementationHasNoCode(address implementation);

    /// @notice The proxy has no implementation yet, so there is nothing to call.
    error ImplementationNotSet();

    /// @notice The initialization call after an upgrade failed with `reason`.
    error UpgradeCallFailed(bytes reason);

    function upgradeTo(address implementation) external;

    function upgradeToAndCall(address implementation, bytes calldata data)
        external
        payable
        returns (bytes memory);

    function changeAdmin(address admin) external;

    function admin() external returns (address);

    function implementation() external returns (address);
}
