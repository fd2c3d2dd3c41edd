/** OpenAI's cursor page (`limit`, `after`, `order`) over items in creation order. */
export function listPage<T extends { id: string }>(items: readonly T[], query: URLSearchParams, defaultOrder: 'asc' | 'desc' = 'desc') {
  const order = query.get('order') ?? defaultOrder;
  const limit = Math.min(Math.max(Number(query.get('limit') ?? 20) || 20, 1), 100);
  let sorted = order === 'asc' ? [...items] : [...items].reverse();
  const after = query.get('after');
  if (after) sorted = sorted.slice(sorted.findIndex((i) => i.id === after) + 1);
  const data = sorted.slice(0, limit);
  return { object: 'list' as const, data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: sorted.length > limit };
}
