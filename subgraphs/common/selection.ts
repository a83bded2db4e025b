import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';

/** Whether the query asks for any of `fields` of the object being resolved (through its fragments too). */
export function asksFor(info: GraphQLResolveInfo, fields: readonly string[]): boolean {
  const asks = (selections: readonly SelectionNode[]): boolean =>
    selections.some((selection) =>
      selection.kind === Kind.FIELD
        ? fields.includes(selection.name.value)
        : asks((selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value])?.selectionSet.selections ?? []),
    );
  return info.fieldNodes.some((node) => asks(node.selectionSet?.selections ?? []));
}
