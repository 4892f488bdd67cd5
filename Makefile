# CR8 — the two commands a newcomer needs are `make dev` and `make test`; either runs `npm ci` first
# when nothing is installed. Every tool comes from node_modules: Node 24, Foundry, solc, TypeScript.
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

ROOT    := $(CURDIR)
BIN     := $(ROOT)/node_modules/.bin
NODE    := $(BIN)/node
# The native binary: the npm wrapper in node_modules/.bin loses forge's exit status.
FORGE   := $(ROOT)/contracts/tools/foundry forge
# contracts/tools/bin puts the native forge/anvil/cast on PATH (for @wagmi/cli and for you).
export PATH := $(ROOT)/contracts/tools/bin:$(BIN):$(PATH)

.PHONY: help dev test test-contracts test-ts test-long coverage typecheck fmt fmt-check build abi abi-check genesis genesis-check snapshot bench-gas bench-receipts bench-chain bench-api bench-e2e clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(NODE):
	npm ci

dev: $(NODE) ## run the whole local system (parent chain, CR8 L3, relayer, proposer) until Ctrl-C
	bin/cr8 dev

test: $(NODE) typecheck fmt-check abi-check genesis-check test-contracts test-ts ## every test: types, formatting, ABIs, genesis, contracts (+gas snapshot), TypeScript
	@echo "make test: all passed"

build: $(NODE) ## compile the contracts
	cd contracts && $(FORGE) build

typecheck: $(NODE) ## strict TypeScript check of every package
	$(BIN)/tsc -p tsconfig.json

fmt: $(NODE) ## format the Solidity sources (forge fmt)
	cd contracts && $(FORGE) fmt

fmt-check: $(NODE) ## fail when a Solidity file is not forge-fmt formatted
	cd contracts && $(FORGE) fmt --check

abi: build ## regenerate contracts/ts/generated.ts from the forge build
	cd contracts && wagmi generate

abi-check: build ## fail when contracts/ts/generated.ts is stale
	@cp contracts/ts/generated.ts /tmp/cr8-generated.before.ts
	@cd contracts && wagmi generate > /dev/null
	@if ! cmp -s contracts/ts/generated.ts /tmp/cr8-generated.before.ts; then \
	  echo "contracts/ts/generated.ts was stale: run 'make abi' and commit it"; \
	  mv /tmp/cr8-generated.before.ts contracts/ts/generated.ts; exit 1; fi

genesis: build ## rebuild genesis.json, predeploys/addresses.json and Predeploys.sol from chain/config/genesis-params.json
	bin/cr8 genesis build

genesis-check: build ## fail when the committed genesis.json (or the address exports) differ from a fresh build
	bin/cr8 genesis build --check

test-contracts: $(NODE) ## forge tests (unit, fuzz, invariant), then the committed gas snapshots must match
	contracts/tools/test-with-gas-check.sh

# A test still running after 5 minutes fails (the longest takes ~30 s): a hang then names itself instead of
# holding CI until its 90 minutes run out. No --test-force-exit: under process isolation it drops the tail
# of a file's already-run results before they are reported (nodejs/node#64833; seen here: the genesis-hash
# file reported 17-21 of its 26 tests in 4 of 12 runs, exit 0), so a failing test could pass unseen. A file
# that leaves a handle open would then hang instead: the whole run is stopped after 30 minutes (~7 today).
test-ts: $(NODE) build ## TypeScript tests (node:test) against real anvil chains
	@timeout 1800 $(NODE) --test --test-concurrency=1 --test-timeout=300000 'chain/src/**/*.test.ts' 'predeploys/src/**/*.test.ts' 'bridge/src/**/*.test.ts' 'ops/**/*.test.ts' 'backend/src/**/*.test.ts' 'backend/bench/**/*.test.ts' 'contracts/ts/**/*.test.ts' 'cli/src/**/*.test.ts' \
	  || { rc=$$?; if [ $$rc = 124 ]; then echo "make test-ts: stopped after 30 minutes: the last test file that started left a handle open (a server, a timer, a connection)"; fi; exit $$rc; }

test-long: $(NODE) ## the long fuzz and invariant profile (20k fuzz runs, 1000x200 invariant runs)
	cd contracts && FOUNDRY_PROFILE=long $(FORGE) test

coverage: $(NODE) ## line/branch/function coverage of the contracts (unit and fuzz tests)
	cd contracts && FORGE_SNAPSHOT_EMIT=false $(FORGE) coverage --report summary --no-match-test invariant

snapshot: $(NODE) ## rewrite the committed gas snapshots (contracts/snapshots/*.json, contracts/.gas-snapshot)
	cd contracts && $(FORGE) test --match-contract GasSnapshotsTest
	cd contracts && $(FORGE) snapshot --no-match-test '^(testFuzz|invariant)'

bench-receipts: $(NODE) ## settling 1,000 executions in one batch vs one transaction each, on anvil -> bench/results/receipts.json
	cd contracts && $(FORGE) build --skip test
	$(NODE) contracts/bench/receipts.bench.ts

bench-gas: $(NODE) ## measure contract gas on anvil -> bench/results/gas.json
	cd contracts && $(FORGE) build --skip test
	$(NODE) contracts/bench/gas.bench.ts

bench-chain: $(NODE) build ## devnet readiness, deposit and withdrawal latency -> bench/results/chain.json
	$(NODE) bridge/bench/chain.bench.ts

bench-api: $(NODE) ## the API under load on loopback, 10,000 agents in PostgreSQL -> bench/results/api.json
	$(NODE) backend/bench/api.bench.ts

bench-e2e: $(NODE) ## executions through API -> queue -> worker -> receipts settled on an anvil L3 -> bench/results/e2e.json
	$(NODE) backend/bench/e2e.bench.ts

clean: ## remove build output and local devnet state
	rm -rf contracts/out contracts/cache contracts/broadcast contracts/deployments .cr8
