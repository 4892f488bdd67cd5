import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type FragmentDefinitionNode, Kind, type OperationDefinitionNode, type FieldNode, parse } from 'graphql';
import { selectedFields } from './selected-fields.ts';

/** The resolve info for the first root field of `query`, as GraphQL passes it to that field's resolver. */
function infoFor(query: string) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments };
}

test('reads the fields at a path, through aliases, inline fragments and named fragments', () => {
  const info = infoFor(`
    { agents(first: 2) { edges { cursor node { id renamed: name ...More ... on Agent { status } } } pageInfo { endCursor } } }
    fragment More on Agent { feePerExecution ...Nested }
    fragment Nested on Agent { createdAt }`);
  assert.deepEqual([...selectedFields(info, ['edges', 'node'])].sort(), ['createdAt', 'feePerExecution', 'id', 'name', 'status']);
  assert.deepEqual([...selectedFields(info, ['edges'])].sort(), ['cursor', 'node']);
  assert.deepEqual([...selectedFields(info, [])].sort(), ['edges', 'pageInfo']);
  assert.deepEqual([...selectedFields(info, ['pageInfo', 'nothing'])], []);
});

test('merges a field selected twice and survives a fragment used twice', () => {
  const info = infoFor(`
    { agents { edges { node { ...F } } ...E edges { node { description ...F } } } }
    fragment E on AgentConnection { edges { node { capabilities } } }
    fragment F on Agent { name }`);
  assert.deepEqual([...selectedFields(info, ['edges', 'node'])].sort(), ['capabilities', 'description', 'name']);
});
