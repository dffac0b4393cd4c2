// The Reflect metadata calls @peculiar/x509's dependency tsyringe checks for at load (getMetadata, getOwnMetadata, defineMetadata), kept per target and key; imported before @peculiar/x509. No package for it is installed: reflect-metadata would replace this.
type Store = Map<string | symbol | undefined, Map<unknown, unknown>>;
const stores = new WeakMap<object, Store>();

function own(
	target: object,
	property: string | symbol | undefined,
	create: boolean
): Map<unknown, unknown> | undefined {
	let byProperty = stores.get(target);
	if (!byProperty && create) stores.set(target, (byProperty = new Map()));
	let map = byProperty?.get(property);
	if (!map && create && byProperty) byProperty.set(property, (map = new Map()));
	return map;
}

const R = Reflect as unknown as Record<string, unknown>;
if (typeof R.getMetadata !== 'function') {
	R.defineMetadata = (key: unknown, value: unknown, target: object, property?: string | symbol) => {
		own(target, property, true)!.set(key, value);
	};
	R.getOwnMetadata = (key: unknown, target: object, property?: string | symbol) =>
		own(target, property, false)?.get(key);
	R.getMetadata = (key: unknown, target: object, property?: string | symbol) => {
		for (let t: object | null = target; t; t = Object.getPrototypeOf(t)) {
			const map = own(t, property, false);
			if (map?.has(key)) return map.get(key);
		}
		return undefined;
	};
	R.hasMetadata = (key: unknown, target: object, property?: string | symbol) =>
		(R.getMetadata as (k: unknown, t: object, p?: string | symbol) => unknown)(key, target, property) !== undefined;
	R.metadata = (key: unknown, value: unknown) => (target: object, property?: string | symbol) => {
		own(target, property, true)!.set(key, value);
	};
}
