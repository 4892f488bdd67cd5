// Decodes one log of a CR8 contract into the event name and JSON arguments the database stores:
// integers as decimal strings (a uint256 does not fit a JSON number), addresses lower-case, bytes as
// lower-case hex, structs as objects by component name, arrays as arrays.
//
// A log no ABI of its contract describes (an event added by a later upgrade, or data that does not
// decode) is kept, not dropped: its event_name is its topic0 (`(anonymous)` without topics) and its
// args are the raw `{ topics, data }`, so nothing the contract emitted is lost and it can be decoded
// again once the ABI knows it.
import { type AbiEvent, type AbiParameter, decodeAbiParameters, type Hex } from 'viem';
import type { Cr8Contract } from './cr8-contracts.ts';

export type JsonValue = string | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export type RawLog = {
  address: Hex;
  topics: Hex[];
  data: Hex;
  blockNumber: Hex;
  blockHash: Hex;
  transactionHash: Hex;
  logIndex: Hex;
};

export type DecodedLog = { eventName: string; args: JsonObject; decoded: boolean };

/** PostgreSQL's jsonb cannot hold U+0000; a string argument carrying it gets U+FFFD instead. */
function storableString(value: string): string {
  return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
}

/** Converts a value viem decoded for `parameter` into its stored JSON form, guided by the ABI type. */
function toJson(parameter: AbiParameter, value: unknown): JsonValue {
  const type = parameter.type;
  if (type.endsWith(']')) {
    const elementType = type.slice(0, type.lastIndexOf('['));
    const element = { ...parameter, type: elementType } as AbiParameter;
    return (value as unknown[]).map((item) => toJson(element, item));
  }
  if (type === 'tuple') {
    const components = (parameter as { components: readonly AbiParameter[] }).components;
    const object: JsonObject = {};
    components.forEach((component, index) => {
      const item = Array.isArray(value) ? value[index] : (value as Record<string, unknown>)[component.name ?? String(index)];
      object[component.name || String(index)] = toJson(component, item);
    });
    return object;
  }
  if (type === 'address' || type.startsWith('bytes')) return (value as string).toLowerCase();
  if (type === 'string') return storableString(value as string);
  if (type === 'bool') return value as boolean;
  return (value as bigint).toString(); // uintN / intN
}

const DYNAMIC_TYPE = /^(string|bytes|tuple)$|\]$/;

/** An indexed argument: static types decode from the topic; dynamic ones are only their keccak hash. */
function decodeTopic(parameter: AbiParameter, topic: Hex): JsonValue {
  if (DYNAMIC_TYPE.test(parameter.type)) return topic.toLowerCase();
  if (parameter.type === 'address') return `0x${topic.slice(26)}`.toLowerCase();
  if (parameter.type.startsWith('uint')) return BigInt(topic).toString();
  if (parameter.type === 'bool') return BigInt(topic) !== 0n;
  return toJson(parameter, decodeAbiParameters([parameter], topic)[0]); // intN (sign), bytesN (left-aligned)
}

/** A data word (64 hex characters) as its stored JSON, for the static types that fill exactly one word. */
function decodeWord(parameter: AbiParameter, word: string): JsonValue {
  if (parameter.type.startsWith('uint')) return BigInt(`0x${word}`).toString();
  if (parameter.type === 'address') return `0x${word.slice(24)}`.toLowerCase();
  if (parameter.type === 'bool') return BigInt(`0x${word}`) !== 0n;
  return decodeTopic(parameter, `0x${word}`); // intN, bytesN
}

const ONE_WORD_TYPE = /^(u?int\d*|address|bool|bytes([1-9]|[12]\d|3[012]))$/;

/** How an event's arguments are read: indexed ones from topics, the rest from data. When every data
 *  argument is a one-word static type (most CR8 events), the words are read straight from the hex
 *  string, several times faster than a general ABI decode; anything else goes through viem. */
type DecodePlan = { dataParameters: AbiParameter[]; wordsOnly: boolean };
const plans = new WeakMap<AbiEvent, DecodePlan>();

function planFor(event: AbiEvent): DecodePlan {
  let plan = plans.get(event);
  if (!plan) {
    const dataParameters = event.inputs.filter((input) => !input.indexed);
    plan = { dataParameters, wordsOnly: dataParameters.every((input) => ONE_WORD_TYPE.test(input.type)) };
    plans.set(event, plan);
  }
  return plan;
}

const HEX = /^0x[0-9a-fA-F]*$/;

function decodeWith(event: AbiEvent, log: RawLog): JsonObject {
  const { dataParameters, wordsOnly } = planFor(event);
  let dataValues: JsonValue[];
  if (wordsOnly) {
    if (log.data.length < 2 + 64 * dataParameters.length || !HEX.test(log.data)) throw new Error('data shorter than its arguments');
    dataValues = dataParameters.map((parameter, index) => decodeWord(parameter, log.data.slice(2 + 64 * index, 66 + 64 * index)));
  } else {
    const decoded = dataParameters.length ? decodeAbiParameters(dataParameters, log.data) : [];
    dataValues = dataParameters.map((parameter, index) => toJson(parameter, decoded[index]));
  }
  const args: JsonObject = {};
  let topic = 1;
  let data = 0;
  event.inputs.forEach((input, index) => {
    args[input.name || String(index)] = input.indexed ? decodeTopic(input, log.topics[topic++]!) : dataValues[data++]!;
  });
  return args;
}

export function decodeLog(contract: Cr8Contract, log: RawLog): DecodedLog {
  const topic0 = log.topics[0];
  const candidates = topic0 ? (contract.events.get(topic0.toLowerCase() as Hex) ?? []) : [];
  for (const event of candidates) {
    const indexedCount = event.inputs.filter((input) => input.indexed).length;
    if (log.topics.length !== indexedCount + 1) continue;
    try {
      return { eventName: event.name, args: decodeWith(event, log), decoded: true };
    } catch {
      // Data that does not match the ABI (a contract emitting a look-alike event): kept raw below.
    }
  }
  return {
    eventName: topic0 ? topic0.toLowerCase() : '(anonymous)',
    args: { topics: log.topics.map((topic) => topic.toLowerCase()), data: log.data.toLowerCase() },
    decoded: false,
  };
}
