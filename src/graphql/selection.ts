// Looking ahead in a query: the fields a selection set asks for (through fragments too), so work
// nobody asked for (a totalCount that reads every match, statements nobody shows) is skipped and
// what a query will ask for is read at once (prefetch.ts).
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/** Every field named `name` directly in a selection set, through inline fragments and fragment spreads. */
export function fieldsNamed(set: SelectionSetNode | undefined, name: string, info: GraphQLResolveInfo, seen = new Set<string>()): FieldNode[] {
  const found: FieldNode[] = [];
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field' && selection.name.value === name) found.push(selection);
    else if (selection.kind === 'InlineFragment') found.push(...fieldsNamed(selection.selectionSet, name, info, seen));
    else if (selection.kind === 'FragmentSpread' && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      found.push(...fieldsNamed(info.fragments[selection.name.value]?.selectionSet, name, info, seen));
    }
  }
  return found;
}

/** Whether a selection set asks, at any depth, for any of `names` (through fragments). */
export function selectsDeep(set: SelectionSetNode | undefined, names: ReadonlySet<string>, info: GraphQLResolveInfo, seen = new Set<string>()): boolean {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field' && (names.has(selection.name.value) || selectsDeep(selection.selectionSet, names, info, seen))) return true;
    if (selection.kind === 'InlineFragment' && selectsDeep(selection.selectionSet, names, info, seen)) return true;
    if (selection.kind === 'FragmentSpread' && !seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      if (selectsDeep(info.fragments[selection.name.value]?.selectionSet, names, info, seen)) return true;
    }
  }
  return false;
}

/** Whether the field being resolved asks for `name` among its own subfields. No info (a direct call): assume it does. */
export function selects(info: GraphQLResolveInfo | undefined, name: string): boolean {
  if (!info) return true;
  return info.fieldNodes.some((node) => fieldsNamed(node.selectionSet, name, info).length > 0);
}

/** Every field name a selection set asks for at any depth (through fragments). */
export function fieldNamesDeep(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, names = new Set<string>(), seen = new Set<string>()): Set<string> {
  for (const selection of set?.selections ?? []) {
    if (selection.kind === 'Field') {
      names.add(selection.name.value);
      fieldNamesDeep(selection.selectionSet, info, names, seen);
    } else if (selection.kind === 'InlineFragment') fieldNamesDeep(selection.selectionSet, info, names, seen);
    else if (!seen.has(selection.name.value)) {
      seen.add(selection.name.value);
      fieldNamesDeep(info.fragments[selection.name.value]?.selectionSet, info, names, seen);
    }
  }
  return names;
}
