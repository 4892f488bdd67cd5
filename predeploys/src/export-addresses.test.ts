import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { implementationAddress, predeploys } from './addresses.ts';
import { addressesJson, addressesJsonPath, predeploysSol, predeploysSolPath } from './export-addresses.ts';

test('the address table has no duplicates, keeps protocol predeploys in the OP range and CR8 outside it', () => {
  const addresses = predeploys.map((p) => p.address.toLowerCase());
  assert.equal(new Set(addresses).size, addresses.length);
  for (const p of predeploys) {
    const inOpRange = BigInt(p.address) >> 11n === 0x4200000000000000000000000000000000000000n >> 11n;
    assert.equal(inOpRange, p.group !== 'cr8', `${p.name} is in the wrong range`);
  }
  assert.equal(implementationAddress('0x4200000000000000000000000000000000000016'), '0xC0D3C0d3C0d3c0d3C0d3C0D3c0D3c0d3c0D30016');
});

test('predeploys/addresses.json and Predeploys.sol are the committed exports of the table', async () => {
  assert.equal(await readFile(addressesJsonPath, 'utf8'), addressesJson());
  const sol = await readFile(predeploysSolPath, 'utf8');
  assert.equal(sol, predeploysSol());
  for (const p of predeploys) assert.ok(sol.includes(p.address), `${p.name} missing from Predeploys.sol`);
});
