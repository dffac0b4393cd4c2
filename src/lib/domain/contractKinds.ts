// The three contract kinds, without zod: the route matcher loads with the app entry and must stay tiny.
export const CONTRACT_KINDS = ['framework', 'filing', 'order'] as const;
export type ContractKind = (typeof CONTRACT_KINDS)[number];
