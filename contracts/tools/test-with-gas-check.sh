#!/usr/bin/env bash
# `make test-contracts`: runs every forge test (unit, fuzz, invariant), then fails if gas moved from the
# committed snapshots: the named snapshots in snapshots/*.json (GasSnapshots.t.sol) and the per-test
# .gas-snapshot of the unit tests (fuzz and invariant runs vary, so they are left out of it).
# After an intended gas change, `make snapshot` rewrites both; review and commit them.
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r snapshots "$work/expected"
restore() { rm -rf snapshots && cp -r "$work/expected" snapshots; }

if ! tools/foundry forge test "$@"; then
  restore
  exit 1
fi
if ! diff -ru "$work/expected" snapshots; then
  restore
  echo "gas snapshots in contracts/snapshots/ moved (above): review, then run 'make snapshot' and commit" >&2
  exit 1
fi
tools/foundry forge snapshot --no-match-test '^(testFuzz|invariant)' --snap "$work/unit" > "$work/snapshot.log" 2>&1 \
  || { cat "$work/snapshot.log"; exit 1; }
if ! diff -u .gas-snapshot "$work/unit"; then
  echo "unit-test gas moved from contracts/.gas-snapshot (above): review, then run 'make snapshot' and commit" >&2
  exit 1
fi
echo "gas snapshots match"
