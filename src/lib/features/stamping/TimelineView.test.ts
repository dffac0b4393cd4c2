// @vitest-environment jsdom
// The progress of a paper copy: for a contract with a filing attachment the return step names the ICP commercial-filing materials.
import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { StampingEventRow } from '../../db/types';
import { SCHEDULE_2025, SCHEDULE_2026 } from '../../../../tests/support/lib/domain/holiday-calendars';
import { workCalendar } from '../../domain/workdays';
import { i18n } from '../../i18n/index.svelte';
import Timeline from './Timeline.svelte';

afterEach(() => {
	cleanup();
	i18n.locale = 'zh-CN';
});

const contractId = '7d3c8a52-5d0c-4f7e-9a53-2f1f6f0b1c11';
const calendar = workCalendar([SCHEDULE_2025, SCHEDULE_2026]);
const received: StampingEventRow = { id: 'r', contractId, kind: 'received', at: '2026-11-02T10:00:00+08:00' };
const returned: StampingEventRow = {
	id: 't',
	contractId,
	kind: 'returned',
	at: '2026-11-20T10:00:00+08:00',
	shipment: { courier: '顺丰速运', trackingNumber: 'SF1234567890' }
};

describe('Timeline', () => {
	it('a filing contract: the return step says the ICP commercial-filing materials come back, then that they came back', async () => {
		const { rerender } = render(Timeline, { props: { request: null, events: [received], calendar, filing: true } });
		const pending = screen.getByTestId('stamp-returned-materials');
		expect(pending.getAttribute('data-done')).toBe('false');
		expect(pending.textContent).toContain('ICP 经营性备案');
		expect(screen.getByTestId('stamp-step-returned').contains(pending)).toBe(true);

		await rerender({ request: null, events: [received, returned], calendar, filing: true });
		const done = screen.getByTestId('stamp-returned-materials');
		expect(done.getAttribute('data-done')).toBe('true');
		expect(done.textContent).toContain('随盖章合同一并回寄');
		expect(done.textContent).toContain('经营许可证正、副本及年检页');
		expect(done.textContent).toContain('企业信息查询完整页');
		expect(screen.getByTestId('stamp-return-shipment').textContent).toContain('SF1234567890');
	});

	it('a dispatch that recorded the ICP materials as enclosed says so, in both languages', () => {
		const enclosed: StampingEventRow = { ...returned, icpMaterialsEnclosed: true };
		render(Timeline, { props: { request: null, events: [received, enclosed], calendar, filing: true } });
		const line = screen.getByTestId('stamp-returned-materials');
		expect(line.getAttribute('data-enclosed')).toBe('true');
		expect(line.textContent).toContain('服务商寄回时已登记随附');
		cleanup();
		i18n.locale = 'en';
		render(Timeline, { props: { request: null, events: [received, enclosed], calendar, filing: true } });
		expect(screen.getByTestId('stamp-returned-materials').textContent).toContain('as the provider recorded');
	});

	it('other contracts: no word of filing materials', () => {
		render(Timeline, { props: { request: null, events: [received, returned], calendar, filing: false } });
		expect(screen.queryByTestId('stamp-returned-materials')).toBeNull();
		expect(screen.getByTestId('stamp-step-returned').textContent).not.toContain('备案');
	});

	it('in English too', () => {
		i18n.locale = 'en';
		render(Timeline, { props: { request: null, events: [received, returned], calendar, filing: true } });
		expect(screen.getByTestId('stamp-returned-materials').textContent).toContain('ICP commercial filing');
	});
});
