// Types for the part of address-parse (a CommonJS parser of Chinese address lines, no declarations of its own) the paste box uses.
declare module 'address-parse' {
	export type ParsedAddress = {
		province: string;
		city: string;
		area: string;
		details: string;
		name: string;
		/** The district's 6-digit administrative code, when the parser found one. */
		code: string;
		mobile: string;
		phone: string;
		zip_code: string;
	};
	const parser: { parse(line: string, parseAll?: boolean): ParsedAddress[] };
	export default parser;
}
