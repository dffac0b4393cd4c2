// Property tests over random strings (any UTF-16 code units, lone surrogates included): only well-formed NFC text passes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contactDetails } from './contract';
import { returnAddress } from './address';
import { text, textProblem, token } from './text';

/** Any UTF-16 code units — lone surrogates, controls and noncharacters included — mixed with real text. */
const anyUnits = fc
	.array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 30 })
	.map((units) => String.fromCharCode(...units));
const anyText = fc.oneof(
	anyUnits,
	fc.string({ unit: 'grapheme', maxLength: 20 }),
	fc.string({ unit: 'binary', maxLength: 20 }),
	fc.constantFrom('e\u0301', '한', '\u1100\u1161\u11a8', 'Å', 'A\u030a', '张喆 𬘭')
);

const schema = text(40, 0);
const isNoncharacter = (cp: number) => (cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) === 0xfffe;

describe('text()', () => {
	it('whatever it accepts is NFC, well-formed, trimmed, bounded, free of controls and noncharacters — and stable', () => {
		fc.assert(
			fc.property(anyText, (s) => {
				const r = schema.safeParse(s);
				if (!r.success) return;
				const out = r.data;
				expect(out).toBe(out.normalize('NFC'));
				expect(out).toBe(out.trim());
				expect(out.length).toBeLessThanOrEqual(40);
				expect(out.isWellFormed()).toBe(true);
				for (const ch of out) {
					const cp = ch.codePointAt(0)!;
					expect(cp <= 0x1f || (cp >= 0x7f && cp <= 0x9f) || cp === 0x2028 || cp === 0x2029).toBe(false);
					expect(isNoncharacter(cp)).toBe(false);
				}
				// Parsing what was stored gives it back unchanged: the server's parse of a device's record is a no-op.
				expect(schema.parse(out)).toBe(out);
			}),
			{ numRuns: 3000 }
		);
	});

	it('refuses every string with a lone surrogate, a control character or a noncharacter, naming the reason', () => {
		fc.assert(
			fc.property(anyText, (s) => {
				// Leading and trailing whitespace (tabs, line breaks) is trimmed away before the check, as users expect.
				const problem = textProblem(s.normalize('NFC').trim());
				const wellFormed = s.isWellFormed();
				const r = schema.safeParse(s);
				if (!wellFormed) expect(problem).toBe('loneSurrogate');
				if (problem) {
					expect(r.success).toBe(false);
					expect(r.error!.issues.map((i) => i.message)).toContain(problem);
				}
			}),
			{ numRuns: 3000 }
		);
	});

	it('canonically equivalent inputs give the same value (so the same fingerprint)', () => {
		fc.assert(
			fc.property(anyText, (s) => {
				if (!s.isWellFormed()) return;
				const a = schema.safeParse(s.normalize('NFD'));
				const b = schema.safeParse(s.normalize('NFC'));
				expect(a.success).toBe(b.success);
				if (a.success && b.success) expect(a.data).toBe(b.data);
			}),
			{ numRuns: 2000 }
		);
	});

	it('examples: the reported lone surrogate, C0/C1, noncharacters; astral characters pass', () => {
		const reason = (s: string) => schema.safeParse(s).error?.issues[0]?.message ?? 'ok';
		expect(reason('a\ud800b')).toBe('loneSurrogate');
		expect(reason('a\udc00')).toBe('loneSurrogate');
		expect(reason('a\u0000b')).toBe('controlChar');
		expect(reason('a\u0085b')).toBe('controlChar');
		expect(reason('a\ufdd0b')).toBe('nonCharacter');
		expect(reason('a\uffffb')).toBe('nonCharacter');
		expect(reason('a\u{10fffe}b')).toBe('nonCharacter');
		expect(reason('张喆 𬘭 U+2C62D')).toBe('ok');
		expect(schema.parse('Cafe\u0301')).toBe('Café');
		expect(token(10).safeParse('id\ud800').success).toBe(false);
	});

	it('every text field of the address and contact forms refuses them with the field path', () => {
		const address = {
			recipient: '张喆',
			phone: '0755-86001234',
			province: '广东省',
			city: '深圳市',
			district: '南山区',
			address: '高新南七道18号',
			postalCode: '518057'
		};
		for (const field of ['recipient', 'province', 'city', 'district', 'address']) {
			for (const bad of ['\ud800', '\u0007', '\ufffe']) {
				const r = returnAddress.safeParse({ ...address, [field]: `${address[field as keyof typeof address]}${bad}` });
				expect(r.success, `${field} ${JSON.stringify(bad)}`).toBe(false);
				expect(r.error!.issues.some((i) => i.path.join('.') === field)).toBe(true);
			}
		}
		const contact = { person: '张喆', phone: '13800138000', email: 'a@zhekun.cn', mailingAddress: '深圳' };
		for (const field of ['person', 'mailingAddress', 'email']) {
			const r = contactDetails.safeParse({ ...contact, [field]: `${contact[field as keyof typeof contact]}\ud800` });
			expect(r.success).toBe(false);
			expect(r.error!.issues.some((i) => i.path[0] === field)).toBe(true);
		}
	});
});
