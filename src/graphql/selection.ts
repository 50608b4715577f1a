// Looking ahead in a query: whether the field being resolved selects a subfield (through
// fragments too), so work nobody asked for (a totalCount that reads every match) is skipped.
import type { GraphQLResolveInfo, SelectionSetNode } from 'graphql';

function selectsIn(set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo, seen: Set<string>): boolean {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field' && selection.name.value === name) return true;
    if (selection.kind === 'InlineFragment' && selectsIn(selection.selectionSet, name, info, seen)) return true;
    if (selection.kind === 'FragmentSpread' && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      if (selectsIn(info.fragments[selection.name.value]?.selectionSet, name, info, seen)) return true;
    }
  }
  return false;
}

/** Whether the field being resolved asks for `name` among its own subfields. No info (a direct call): assume it does. */
export function selects(info: GraphQLResolveInfo | undefined, name: string): boolean {
  if (!info) return true;
  return info.fieldNodes.some((node) => selectsIn(node.selectionSet, name, info, new Set()));
}
