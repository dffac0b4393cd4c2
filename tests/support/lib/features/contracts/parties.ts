// Parties for the contract feature's tests: a verified enterprise with rare characters, and the provider.
import type { ProviderRow } from '../../../../../src/lib/db/types';
import type { VerifiedIdentity } from '../../../../../src/lib/domain/identity';

export const TEST_CREDIT_CODE = '91350100M000100Y43';

export const TEST_IDENTITY: VerifiedIdentity = {
	status: 'verified',
	accountId: 'acct-1',
	entityType: 'enterprise',
	legalName: '深圳市喆堃珺玥网络科技有限公司',
	creditCode: TEST_CREDIT_CODE,
	legalRepresentative: '张喆',
	registeredAddress: '广东省深圳市南山区喆堃大厦12层',
	verifiedAt: '2023-03-15T10:20:00+08:00'
};

export const TEST_PROVIDER: ProviderRow = {
	key: 'provider',
	name: '云栈科技有限公司',
	creditCode: TEST_CREDIT_CODE,
	registeredAddress: '北京市海淀区云栈大厦',
	mailingAddress: '北京市海淀区云栈大厦 合同组',
	mailingRecipient: '合同组',
	mailingPhone: '010-12345678',
	mailingPostalCode: '100080',
	verifyOrigin: 'https://contracts.yunzhan.example'
};
