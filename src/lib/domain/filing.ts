// ICP filings (ICP备案) of the account: a filing number, its sites and their domains.
import { z } from 'zod';
import { isoDate, text } from './text';

const PROVINCES = '京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新';
/** e.g. 粤ICP备12345678号, or a site's number 粤ICP备12345678号-1 */
export const FILING_NUMBER = new RegExp(`^[${PROVINCES}]ICP备\\d{4,10}号(?:-[1-9]\\d{0,2})?$`);

export const filingNumber = z.string().trim().regex(FILING_NUMBER, { message: 'filingNumber' });

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export const filingSite = z.object({
	siteNumber: filingNumber,
	name: text(100),
	domains: z.array(z.string().regex(DOMAIN, { message: 'domain' })).min(1).max(50)
});

export const filing = z.object({
	id: z.string().min(1).max(64),
	filingNumber,
	/** 备案单号: the order number of the filing application */
	orderNumber: z.string().regex(/^\d{6,24}$/, { message: 'filingOrderNumber' }),
	entityName: text(100),
	sites: z.array(filingSite).min(1).max(20),
	status: z.enum(['approved', 'revoked']),
	filedOn: isoDate,
	updatedAt: z.iso.datetime({ offset: true })
});

export type Filing = z.infer<typeof filing>;
export type FilingSite = z.infer<typeof filingSite>;
