// Node font loading for tests, scripts and benchmarks (named fonts-node, not fonts.node: tsx resolves .node as a native addon).
import { readFile } from 'node:fs/promises';
import { buildFonts } from '../../../scripts/build-font';
import type { ContractFonts } from './render';

let loading: Promise<ContractFonts> | undefined;

export function loadContractFontsNode(): Promise<ContractFonts> {
	loading ??= (async () => {
		const paths = await buildFonts();
		const [regular, bold] = await Promise.all([readFile(paths.regular), readFile(paths.bold)]);
		return { regular: new Uint8Array(regular), bold: new Uint8Array(bold) };
	})();
	return loading;
}
