import { writeFileSync } from 'node:fs';
import { contractRecord } from '../src/lib/domain/contract';
import { exampleFiling } from '../src/lib/pdf/examples';
import { loadContractFontsNode } from '../src/lib/pdf/fonts-node';
import { renderContractPdf } from '../src/lib/pdf/render';
const base = exampleFiling('CD-FL-2026.2');
const label63 = `${'a'.repeat(30)}-${'b'.repeat(32)}`;
const r = contractRecord.parse({ ...base, filing: { ...base.filing, sites: Array.from({ length: 20 }, (_, i) => ({
  siteNumber: `${base.filing.filingNumber}-${i + 1}`, name: `珺玥站点${i + 1}号喆堃云文档与在线商城`,
  domains: Array.from({ length: 50 }, (_, j) => j === 0 ? `${label63}.example.com.cn` : j === 1 ? '喆堃.中国' : j === 2 ? 'xn--fiq228c.xn--fiqs8s' : `s${i}d${j}.zhekun-holdings.example.com.cn`) })) } });
writeFileSync('/tmp/pdfout/big.pdf', await renderContractPdf(r, await loadContractFontsNode('CD-FL-2026.2')));
