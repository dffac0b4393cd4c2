// @vitest-environment jsdom
// The stamping page in the DOM: field errors as the user types, the confirmation, the write, and the read-only result.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { saveGeneratedContract } from '../../db/contracts';
import { forgetDb, getDb } from '../../db/database';
import { stampingDraftKey, submitStamping } from '../../db/stamping';
import { exampleFrameworkRecord } from '../../../../tests/support/lib/db/records';
import type { HolidayYearRow, ProviderRow } from '../../db/types';
import type { HolidaySchedule } from '../../domain/holidayCalendar';
import { SCHEDULE_2025, SCHEDULE_2026 } from '../../../../tests/support/lib/domain/holiday-calendars';
import StampingPage from './StampingPage.svelte';

const provider: ProviderRow = {
	key: 'provider',
	name: '云栈科技有限公司',
	creditCode: '91350100M000100Y43',
	registeredAddress: '北京市海淀区',
	mailingAddress: '北京市海淀区中关村大街 1 号 合同组',
	mailingRecipient: '合同管理部',
	mailingPhone: '010-12345678',
	mailingPostalCode: '100080'
};

let contractId: string;
beforeEach(async () => {
	await getDb().delete();
	forgetDb();
	const record = exampleFrameworkRecord();
	contractId = record.id;
	await saveGeneratedContract({
		record,
		contentHash: 'c'.repeat(64),
		pdf: new Uint8Array([37, 80, 68, 70]),
		pdfSha256: 'a'.repeat(64)
	});
	await getDb().provider.put(provider);
	await getDb().holidayYears.bulkPut([published(SCHEDULE_2025, 1), published(SCHEDULE_2026, 1)]);
});

const published = (s: HolidaySchedule, revision: number): HolidayYearRow => ({
	...s,
	publishedAt: '2026-11-01T00:00:00.000Z',
	revision
});
afterEach(() => {
	cleanup();
	getDb().close();
});

const field = (id: string) => document.getElementById(`stamp-${id}`) as HTMLInputElement & HTMLSelectElement;

async function type(id: string, value: string) {
	await fireEvent.input(field(id), { target: { value } });
}
async function choose(id: string, value: string) {
	await fireEvent.change(field(id), { target: { value } });
}

describe('StampingPage', () => {
	it('shows the four steps with the contract and the provider’s mailing address', async () => {
		render(StampingPage, { contractId });
		expect(await screen.findByTestId('stamp-contract-number')).toBeTruthy();
		await screen.findByTestId('stamp-form');
		for (const n of [1, 2, 3, 4])
			expect(screen.getByRole('heading', { level: 2, name: new RegExp(`^第 ${n} 步`) })).toBeTruthy();
		expect(screen.getByTestId('stamp-pending-note')).toBeTruthy();
		expect(screen.queryByTestId('stamp-filing-materials')).toBeNull();
		expect(screen.getByTestId('stamp-provider-address').textContent).toContain('合同管理部');
		expect(screen.getByTestId('stamp-print')).toBeTruthy();
	});

	it('validates when a field is left, with accessible errors, and cascades the divisions', async () => {
		render(StampingPage, { contractId });
		await screen.findByTestId('stamp-form');
		await type('phone', '12345');
		await fireEvent.blur(field('phone'));
		expect(field('phone').getAttribute('aria-invalid')).toBe('true');
		const error = screen.getByTestId('stamp-error-phone');
		expect(error.textContent).toContain('手机号');
		expect(field('phone').getAttribute('aria-describedby')).toContain(error.id);
		await type('phone', '13800138000');
		expect(field('phone').getAttribute('aria-invalid')).toBeNull();

		expect(field('city').disabled).toBe(true);
		await choose('province', '广东省');
		expect(field('city').disabled).toBe(false);
		await choose('city', '深圳市');
		expect([...field('district').options].map((o) => o.value)).toContain('南山区');
		await choose('district', '南山区');
		// Another province clears what lay below it.
		await choose('province', '北京市');
		expect(field('city').value).toBe('');
		expect(field('district').value).toBe('');
	});

	it('refuses to open the confirmation while fields are wrong, and points at them', async () => {
		render(StampingPage, { contractId });
		await screen.findByTestId('stamp-form');
		await fireEvent.click(screen.getByTestId('stamp-submit'));
		expect(screen.getByTestId('stamp-fix-errors').textContent).toContain('7');
		expect(document.activeElement).toBe(field('recipient'));
		expect(screen.getByTestId('stamp-confirm').hasAttribute('open')).toBe(false);
	});

	it('confirms, writes request + outbox row, drops the draft and shows the address read-only', async () => {
		render(StampingPage, { contractId });
		await screen.findByTestId('stamp-form');
		await type('recipient', '李喆');
		await type('phone', '0755-86013388');
		await choose('province', '广东省');
		await choose('city', '深圳市');
		await choose('district', '南山区');
		await type('address', '科技园科苑路 8 号 12 层');
		await type('postalCode', '518057');
		await waitFor(async () =>
			expect((await getDb().drafts.get(stampingDraftKey(contractId)))?.value).toMatchObject({
				recipient: '李喆',
				postalCode: '518057'
			})
		);

		await fireEvent.click(screen.getByTestId('stamp-submit'));
		const dialog = screen.getByTestId('stamp-confirm');
		expect(dialog.hasAttribute('open')).toBe(true);
		expect(within(dialog).getByTestId('stamp-confirm-address').textContent).toContain(
			'广东省深圳市南山区 科技园科苑路 8 号 12 层'
		);
		expect(dialog.textContent).toContain('无法修改');
		// The safe choice has the focus.
		expect(document.activeElement).toBe(within(dialog).getByTestId('stamp-confirm-edit'));
		await fireEvent.click(within(dialog).getByTestId('stamp-confirm-submit'));

		expect((await screen.findByTestId('stamp-submitted-line')).textContent).toBe(
			'广东省深圳市南山区 科技园科苑路 8 号 12 层'
		);
		expect(screen.queryByTestId('stamp-form')).toBeNull();
		expect(screen.getByTestId('stamp-send-state').getAttribute('data-state')).toBe('pending');
		expect(screen.getByTestId('stamp-step-submitted').getAttribute('data-done')).toBe('true');
		expect(screen.getByTestId('stamp-step-received').getAttribute('data-done')).toBe('false');
		await waitFor(() => expect(document.activeElement?.id).toBe('stamp-submitted'));

		const db = getDb();
		expect((await db.stampingRequests.get(contractId))?.status).toBe('submitted');
		expect(await db.outbox.filter((r) => r.kind === 'submitStamping').count()).toBe(1);
		expect(await db.drafts.get(stampingDraftKey(contractId))).toBeUndefined();
	});

	it('a request of a contract whose registration was refused says it will not be sent, agreeing with the banner', async () => {
		await submitStamping(contractId, {
			returnAddress: {
				recipient: '李喆',
				phone: '0755-86013388',
				province: '广东省',
				city: '深圳市',
				district: '南山区',
				address: '科技园科苑路 8 号 12 层',
				postalCode: '518057'
			}
		});
		render(StampingPage, { contractId });
		expect((await screen.findByTestId('stamp-send-state')).getAttribute('data-state')).toBe('pending');
		// The provider refuses the contract's registration: its outbox row is rejected.
		const registration = await getDb()
			.outbox.filter((r) => r.kind === 'registerContract' && r.resourceId === contractId)
			.first();
		await getDb().outbox.update(registration!.id, {
			status: 'rejected',
			lastError: { code: 'fingerprintMismatch', detail: 'fingerprint differs' }
		});
		await screen.findByTestId('contract-refused');
		await waitFor(() => expect(screen.getByTestId('stamp-send-state').getAttribute('data-state')).toBe('withheld'));
		const line = screen.getByTestId('stamp-send-state').textContent!;
		expect(line).toContain('不会发送');
		expect(line).not.toContain('等待发送');
	});

	it('shows the receipt with its due date once the provider’s event arrives', async () => {
		await getDb().stampingEvents.put({ id: 'e1', contractId, kind: 'received', at: '2026-09-25T10:00:00+08:00' });
		render(StampingPage, { contractId });
		const due = await screen.findByTestId('stamp-due');
		expect(due.getAttribute('data-due')).toBe('2026-10-22');
		expect(due.textContent).toContain('2026-10-22');
		expect(screen.queryByTestId('stamp-due-provisional')).toBeNull();
		// Submitted elsewhere: no form on this device.
		expect(screen.queryByTestId('stamp-form')).toBeNull();
		expect(screen.getByTestId('stamp-submitted-elsewhere')).toBeTruthy();
	});

	it('says when the due date is an estimate, and settles it as soon as the missing year arrives', async () => {
		await getDb().stampingEvents.put({ id: 'e1', contractId, kind: 'received', at: '2026-12-11T10:00:00+08:00' });
		render(StampingPage, { contractId });
		expect((await screen.findByTestId('stamp-due-provisional')).textContent).toContain('2027');
		expect(screen.getByTestId('stamp-due').getAttribute('data-due')).toBe('2027-01-01');
		// A pull brings the 2027 schedule (made up here): New Year's Day off, Saturday 01-02 a working day.
		const y2027 = {
			year: 2027,
			holidays: [{ date: '2027-01-01', name: '元旦' }],
			workdays: [{ date: '2027-01-02', name: '元旦' }]
		};
		await getDb().holidayYears.put(published(y2027, 2));
		await waitFor(() => expect(screen.queryByTestId('stamp-due-provisional')).toBeNull());
		expect(screen.getByTestId('stamp-due').getAttribute('data-due')).toBe('2027-01-02');
		expect(screen.getByTestId('stamp-due').getAttribute('data-provisional')).toBe('false');
	});

	it('drops the estimate note once the copy is back, offers 确认收到 behind a dialog, and completes the request', async () => {
		await getDb().stampingEvents.put({ id: 'e1', contractId, kind: 'received', at: '2026-12-11T10:00:00+08:00' });
		render(StampingPage, { contractId });
		await screen.findByTestId('stamp-due-provisional');
		expect(screen.queryByTestId('stamp-receipt')).toBeNull();
		await getDb().stampingEvents.bulkPut([
			{ id: 'e2', contractId, kind: 'stamped', at: '2026-12-14T10:00:00+08:00' },
			{
				id: 'e3',
				contractId,
				kind: 'returned',
				at: '2026-12-15T10:00:00+08:00',
				shipment: { courier: '顺丰速运', trackingNumber: 'SF1234567890' }
			}
		]);
		const ask = await screen.findByTestId('stamp-receipt-confirm');
		expect(screen.queryByTestId('stamp-due-provisional')).toBeNull();
		expect(screen.queryByTestId('stamp-due')).toBeNull();
		// Not after the first tap: the dialog asks, and 暂不确认 writes nothing.
		await fireEvent.click(ask);
		const dialog = screen.getByTestId('stamp-receipt-dialog');
		expect(dialog.textContent).toContain('无法撤销');
		await fireEvent.click(within(dialog).getByTestId('stamp-receipt-cancel'));
		expect(
			await getDb()
				.outbox.filter((r) => r.kind === 'confirmReceipt')
				.count()
		).toBe(0);
		await fireEvent.click(ask);
		await fireEvent.click(within(dialog).getByTestId('stamp-receipt-submit'));
		const done = await screen.findByTestId('stamp-completed');
		await waitFor(() => expect(document.activeElement).toBe(done));
		expect(screen.queryByTestId('stamp-receipt')).toBeNull();
		expect((await screen.findByTestId('stamp-step-confirmed')).dataset.done).toBe('true');
		expect(
			await getDb()
				.outbox.filter((r) => r.kind === 'confirmReceipt')
				.count()
		).toBe(1);
		// The page belongs to this request: no way off to another contract.
		expect(screen.queryByTestId('stamp-other-contract')).toBeNull();
	});

	it('says so when the contract is not on this device', async () => {
		render(StampingPage, { contractId: crypto.randomUUID() });
		expect(await screen.findByTestId('stamp-contract-not-found')).toBeTruthy();
	});
});
