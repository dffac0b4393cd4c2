// Released contract template versions: which kinds each one serves and how it derives the contract number.
import type { ContractKind } from './contractKinds';

export interface TemplateVersionInfo {
	readonly kinds: readonly ContractKind[];
	/** How many hex digits of the id (dashes removed) follow `HT-YYYYMMDD-` in the number. */
	readonly numberHexDigits: number;
}

/**
 * Every version ever released, never edited or removed once shipped: a device that generated a
 * contract with last month's app registers it against the same text, fonts and layout. The PDF
 * renderer keeps one renderer per entry (src/lib/pdf), the server refuses any other version.
 */
export const TEMPLATE_VERSIONS = {
	'CD-FA-2026.1': { kinds: ['framework', 'filing', 'order'], numberHexDigits: 8 },
	// One version per kind from here on (FA framework agreement, FL filing, OR order). 16 hex digits are the
	// id's first 64 bits minus the fixed UUID v4 version digit: 60 random bits (see contractNumber).
	'CD-FA-2026.2': { kinds: ['framework'], numberHexDigits: 16 },
	'CD-FL-2026.2': { kinds: ['filing'], numberHexDigits: 16 },
	'CD-OR-2026.2': { kinds: ['order'], numberHexDigits: 16 },
	// 2026.3: the same text and layout set in the complete Noto Serif SC regular face (every code point it has,
	// outside the BMP too), shipped to devices as a core and a rest (src/lib/pdf/fontSplit.ts).
	'CD-FA-2026.3': { kinds: ['framework'], numberHexDigits: 16 },
	'CD-FL-2026.3': { kinds: ['filing'], numberHexDigits: 16 },
	'CD-OR-2026.3': { kinds: ['order'], numberHexDigits: 16 },
	// 2026.4: 2026.3 in the glossary's words — the order table's 计费方式 says 包年包月 / 按量计费 as the app does, and
	// clauses 3.1/3.2 with it (src/lib/pdf/templates/2026.4/text.ts); same layout and fonts.
	'CD-FA-2026.4': { kinds: ['framework'], numberHexDigits: 16 },
	'CD-FL-2026.4': { kinds: ['filing'], numberHexDigits: 16 },
	'CD-OR-2026.4': { kinds: ['order'], numberHexDigits: 16 },
	// 2026.5: set as Chinese is set — no paragraph ends with one character alone on its last line, a party's name on
	// the execution page shrinks to fit or breaks at its brackets — and clause 14.1 in the glossary's words (线下盖章申请,
	// 纸质合同, 回寄地址), 「」 quotes (src/lib/pdf/templates/2026.5); same layout and fonts.
	'CD-FA-2026.5': { kinds: ['framework'], numberHexDigits: 16 },
	'CD-FL-2026.5': { kinds: ['filing'], numberHexDigits: 16 },
	'CD-OR-2026.5': { kinds: ['order'], numberHexDigits: 16 }
} as const satisfies Record<string, TemplateVersionInfo>;

export type TemplateVersion = keyof typeof TEMPLATE_VERSIONS;

/** What a device generates today, per kind. */
export const CURRENT_TEMPLATE_VERSION: Record<ContractKind, TemplateVersion> = {
	framework: 'CD-FA-2026.5',
	filing: 'CD-FL-2026.5',
	order: 'CD-OR-2026.5'
};

export function templateVersionInfo(version: string): TemplateVersionInfo | undefined {
	return Object.hasOwn(TEMPLATE_VERSIONS, version)
		? (TEMPLATE_VERSIONS as Record<string, TemplateVersionInfo>)[version]
		: undefined;
}

/** A version the registry knows and that serves this kind of contract. */
export function isKnownTemplateVersion(version: string, kind: ContractKind): boolean {
	return templateVersionInfo(version)?.kinds.includes(kind) ?? false;
}
