// Strongly connected components (Tarjan) of items that name what they depend on, each component
// after those it depends on: the order in which a scenario settles its commitments. graphology-
// components is not among our packages, and this one works on ids without building a graph.

/**
 * The components of `items`, each a sorted list of ids, dependencies first (reverse topological
 * order). `dependsOn` names an item's dependencies by id; ids that are not among `items` are ignored.
 */
export function stronglyConnected<T extends { id: string }>(items: readonly T[], dependsOn: (item: T) => readonly string[]): string[][] {
  const byId = new Map(items.map((item) => [item.id, item]));
  const indexOf = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  const visit = (root: string) => {
    // Iterative, so a long chain of dependencies cannot overflow the call stack.
    const work: { id: string; next: string[] }[] = [];
    const open = (id: string) => {
      indexOf.set(id, counter);
      low.set(id, counter++);
      stack.push(id);
      onStack.add(id);
      work.push({ id, next: dependsOn(byId.get(id) as T).filter((d) => byId.has(d)) });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1] as { id: string; next: string[] };
      const dep = frame.next.shift();
      if (dep !== undefined) {
        if (!indexOf.has(dep)) open(dep);
        else if (onStack.has(dep)) low.set(frame.id, Math.min(low.get(frame.id) as number, indexOf.get(dep) as number));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id) as number, low.get(frame.id) as number));
      if (low.get(frame.id) === indexOf.get(frame.id)) {
        const component: string[] = [];
        for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
          onStack.delete(id);
          component.push(id);
          if (id === frame.id) break;
        }
        components.push(component.sort());
      }
    }
  };
  for (const item of items) if (!indexOf.has(item.id)) visit(item.id);
  return components;
}
