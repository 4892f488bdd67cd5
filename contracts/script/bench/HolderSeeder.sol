// SPDX-License-Identifier: MIT
pragma solidity 0.8.30;

import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";

/// @notice Gives `count` synthetic holders `amount` each, in one transaction, so the gas benchmark can
///         build a 10,000-holder agent token quickly. Holder `i` is `address(uint160(base + i))`.
contract HolderSeeder {
    function seed(IERC20 token, uint160 base, uint256 start, uint256 count, uint256 amount) external {
        for (uint256 i = start; i < start + count; ++i) {
            token.transfer(address(base + uint160(i)), amount);
        }
    }
}
