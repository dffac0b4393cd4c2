// Records for database tests: small, valid by the shared schemas.
import { contractNumber, type FrameworkContract } from '../../../../src/lib/domain/contract';
import { CURRENT_TEMPLATE_VERSION } from '../../../../src/lib/domain/templateVersions';
import type { StampingSubmission } from '../../../../src/lib/domain/stamping';
import { shanghaiMonth } from '../../../../src/lib/domain/time';
import type { OrderRow } from '../../../../src/lib/db/types';

export function exampleOrder(id: string, paidAt: string, product = '云服务器'): OrderRow {
	return {
		id,
		product,
		spec: '4核8G 100GB',
		billingMode: 'prepaid',
		amountFen: 123456,
		currency: 'CNY',
		paidAt,
		status: 'paid',
		updatedAt: paidAt,
		month: shanghaiMonth(paidAt)
	};
}

export function exampleFrameworkRecord(createdAt = '2026-11-26T10:00:00+08:00'): FrameworkContract {
	const id = globalThis.crypto.randomUUID();
	return {
		kind: 'framework',
		id,
		number: contractNumber(id, createdAt, CURRENT_TEMPLATE_VERSION.framework),
		templateVersion: CURRENT_TEMPLATE_VERSION.framework,
		createdAt,
		partyA: {
			name: '深圳市喆堃科技有限公司',
			creditCode: '91350100M000100Y43',
			legalRepresentative: '张喆',
			registeredAddress: '广东省深圳市南山区科技园'
		},
		partyB: { name: '云栈科技有限公司', creditCode: '91350100M000100Y43', registeredAddress: '深圳' },
		contact: { person: '王珺', phone: '13800138000', email: 'a@example.com', mailingAddress: '深圳市' }
	};
}

/** A complete return address, as the form submits it. */
export function exampleSubmission(address = '科技园科苑路 8 号 12 层'): StampingSubmission {
	return {
		returnAddress: {
			recipient: '李喆',
			phone: '13800138000',
			province: '广东省',
			city: '深圳市',
			district: '南山区',
			address,
			postalCode: '518057'
		}
	};
}
