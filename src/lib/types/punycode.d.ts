// Types for the part of punycode.js (RFC 3492, pure JS, no declarations of its own) the domain layer uses.
declare module 'punycode.js' {
	const punycode: { toUnicode(domain: string): string; toASCII(domain: string): string };
	export default punycode;
}
