// The evidence report (出证报告) of one contract: a PDF the server writes (number, kind, template version, every rendition's fingerprint, the history with times, the verification link), text drawn as glyph outlines of the contract face, then sealed like the contract.
import { deflateSync } from 'node:zlib';
import type { ContractRecord } from '../../src/lib/domain/contract';
import type { StampingEvent } from '../../src/lib/domain/stampingEvent';
import { shanghaiDateTime } from '../../src/lib/domain/time';
import { loadOutlines, svgToPdf, type Outlines } from './appearance';

export interface EvidenceInput {
	record: ContractRecord;
	accountId: string;
	registeredAt: string | null;
	contentHash: string;
	pdfSha256: string;
	registeredCopySha256: string | null;
	sealed: { sha256: string; sealedAt: string } | null;
	events: StampingEvent[];
	verifyUrl: string | null;
	generatedAt: string;
	providerName: string;
}

const KIND: Record<ContractRecord['kind'], string> = {
	framework: '框架协议',
	filing: '带备案信息附件的合同',
	order: '带订单信息附件的合同'
};
const EVENT: Record<string, string> = {
	received: '服务商收到纸质合同',
	stamped: '服务商已盖章',
	returned: '服务商已寄回纸质合同',
	confirmed: '客户确认收到纸质合同'
};

/** The ideographic space between a time and what happened, as a Chinese table would set it. */
const SPACE = '\u3000';

type Line = { text: string; size: number; gap?: number };

const PAGE = { width: 595.28, height: 841.89, margin: 56 };

function wrap(font: Outlines, text: string, size: number, width: number): string[] {
	const scale = size / font.upem;
	const lines: string[] = [];
	let current = '';
	let used = 0;
	for (const ch of text) {
		const advance = (font.glyph(ch)?.advance ?? font.upem) * scale;
		if (used + advance > width && current) {
			lines.push(current);
			current = '';
			used = 0;
		}
		current += ch;
		used += advance;
	}
	if (current) lines.push(current);
	return lines;
}

function draw(font: Outlines, text: string, x: number, y: number, size: number): string {
	const s = size / font.upem;
	const ops: string[] = [];
	for (const ch of text) {
		const g = font.glyph(ch) ?? font.glyph('?');
		if (!g) continue;
		if (g.path) ops.push(svgToPdf(g.path, [s, 0, 0, s, x, y]), 'f');
		x += g.advance * s;
	}
	return ops.join('\n');
}

export function evidenceLines(input: EvidenceInput): Line[] {
	const r = input.record;
	const t = (iso: string) => `${shanghaiDateTime(iso)}（北京时间）`;
	const lines: Line[] = [
		{ text: '出证报告', size: 20, gap: 12 },
		{ text: `合同编号：${r.number}`, size: 11 },
		{ text: `合同类型：${KIND[r.kind]}`, size: 11 },
		{ text: `模板版本：${r.templateVersion}`, size: 11 },
		{ text: `甲方：${r.partyA.name}`, size: 11 },
		{ text: `乙方：${r.partyB.name}`, size: 11, gap: 10 },
		{ text: '文件指纹（SHA-256）', size: 13, gap: 4 },
		{ text: `内容指纹：${input.contentHash}`, size: 9 },
		{ text: `原件（设备生成）：${input.pdfSha256}`, size: 9 }
	];
	if (input.registeredCopySha256) lines.push({ text: `登记版：${input.registeredCopySha256}`, size: 9 });
	if (input.sealed) lines.push({ text: `电子盖章版：${input.sealed.sha256}`, size: 9 });
	lines.push({ text: '经过', size: 13, gap: 4 });
	lines[lines.length - 2]!.gap = 10;
	lines.push({ text: `${t(r.createdAt)}${SPACE}由账户 ${input.accountId} 在设备上确认并生成`, size: 10 });
	if (input.registeredAt) lines.push({ text: `${t(input.registeredAt)}${SPACE}服务商登记，合同生效`, size: 10 });
	if (input.sealed) lines.push({ text: `${t(input.sealed.sealedAt)}${SPACE}服务商加盖电子印章`, size: 10 });
	for (const e of [...input.events].sort((a, b) => a.at.localeCompare(b.at))) {
		lines.push({ text: `${t(e.at)}${SPACE}${EVENT[e.kind] ?? e.kind}`, size: 10 });
	}
	lines[lines.length - 1]!.gap = 10;
	if (input.verifyUrl) {
		lines.push({ text: '核验链接', size: 13, gap: 4 }, { text: input.verifyUrl, size: 9, gap: 10 });
	}
	lines.push({ text: `本报告由${input.providerName}于 ${t(input.generatedAt)} 生成，并加盖服务商电子印章。`, size: 9 });
	return lines;
}

/** The report's PDF (one revision, classic xref, no line break after %%EOF, as the seal expects). */
export async function evidenceReportPdf(input: EvidenceInput): Promise<Uint8Array> {
	const font = await loadOutlines();
	const width = PAGE.width - 2 * PAGE.margin;
	const pages: string[][] = [[]];
	let y = PAGE.height - PAGE.margin;
	for (const line of evidenceLines(input)) {
		for (const text of wrap(font, line.text, line.size, width)) {
			const advance = line.size * 1.6;
			if (y - advance < PAGE.margin) {
				pages.push([]);
				y = PAGE.height - PAGE.margin;
			}
			y -= advance;
			pages.at(-1)!.push(draw(font, text, PAGE.margin, y, line.size));
		}
		y -= line.gap ?? 0;
	}

	const objects: string[] = [];
	const pageRefs = pages.map((_, i) => `${3 + i * 2} 0 R`);
	objects[1] = '<< /Type /Catalog /Pages 2 0 R /Lang (zh-CN) >>';
	objects[2] = `<< /Type /Pages /Kids [${pageRefs.join(' ')}] /Count ${pages.length} >>`;
	pages.forEach((ops, i) => {
		const stream = deflateSync(Buffer.from(`0 g\n${ops.join('\n')}`, 'latin1')).toString('latin1');
		objects[3 + i * 2] =
			`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${PAGE.width} ${PAGE.height}] /Resources << >> /Contents ${4 + i * 2} 0 R >>`;
		objects[4 + i * 2] = `<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n${stream}\nendstream`;
	});
	let text = '%PDF-1.7\n%\xE2\xE3\xCF\xD3\n';
	const offsets: number[] = [];
	for (let n = 1; n < objects.length; n++) {
		offsets[n] = text.length;
		text += `${n} 0 obj\n${objects[n]}\nendobj\n`;
	}
	const xref = text.length;
	text += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
	for (let n = 1; n < objects.length; n++) text += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
	text += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF`;
	return new Uint8Array(Buffer.from(text, 'latin1'));
}
