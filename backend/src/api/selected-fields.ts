// Which fields a GraphQL query selects below the field being resolved, so a resolver can read only
// the columns it needs (a look-ahead). Fragments (named and inline) are followed; @skip/@include are
// ignored, so the answer may be a superset of what the response shows, never a subset.
import { type FragmentDefinitionNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

/** The names of the fields selected at `path` below the current field: for `agents { edges { node { id name } } }`
 *  and path ['edges', 'node'], `{ id, name }`. */
export function selectedFields(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, path: readonly string[]): Set<string> {
  let sets: SelectionSetNode[] = info.fieldNodes.flatMap((node) => (node.selectionSet ? [node.selectionSet] : []));
  for (const step of path) {
    const next: SelectionSetNode[] = [];
    for (const set of sets) forEachField(set, info.fragments, (name, selectionSet) => name === step && selectionSet && next.push(selectionSet));
    sets = next;
  }
  const names = new Set<string>();
  for (const set of sets) forEachField(set, info.fragments, (name) => names.add(name));
  return names;
}

function forEachField(
  set: SelectionSetNode,
  fragments: Record<string, FragmentDefinitionNode>,
  visit: (name: string, selectionSet: SelectionSetNode | undefined) => unknown,
  seen = new Set<string>(),
): void {
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) visit(selection.name.value, selection.selectionSet);
    else if (selection.kind === Kind.INLINE_FRAGMENT) forEachField(selection.selectionSet, fragments, visit, seen);
    else if (!seen.has(selection.name.value)) {
      // A fragment spread; validation has already refused cycles and unknown names, `seen` is belt and braces.
      seen.add(selection.name.value);
      const fragment = fragments[selection.name.value];
      if (fragment) forEachField(fragment.selectionSet, fragments, visit, seen);
    }
  }
}
