// How a row of either store becomes what the store returns: both schemas name their columns alike, so one mapping each.
import type { ContractRecord, ContractStatus } from '../../src/lib/domain/contract';
import type { ScheduleDay } from '../../src/lib/domain/holidayCalendar';
import type { Identity } from '../../src/lib/domain/identity';
import type { CourierShipment, StampingEvent, StampingSubmission } from '../../src/lib/domain/stamping';
import type { StaffRole } from '../../src/lib/domain/office';
import type {
	Account,
	AdminAction,
	RefusalRow,
	StaffRecord,
	StoredContract,
	StoredHolidayYear,
	StoredStamping
} from './types';

export type Row = Record<string, unknown>;
export const str = (v: unknown): string => String(v);
export const parse = <T>(v: unknown): T => JSON.parse(String(v)) as T;
export const nullableStr = (v: unknown): string | null => (v == null ? null : String(v));

export function toAccount(row: Row): Account {
	return { id: str(row.id), identity: parse<Identity>(row.identity), seq: Number(row.seq) };
}

export function toStamping(row: Row): StoredStamping {
	return {
		contractId: str(row.contract_id),
		submission: parse<StampingSubmission>(row.submission),
		createdAt: str(row.created_at),
		updatedAt: str(row.updated_at)
	};
}

export function toEvent(row: Row): StampingEvent {
	const event: StampingEvent = {
		id: str(row.id),
		contractId: str(row.contract_id),
		kind: str(row.kind) as StampingEvent['kind'],
		at: str(row.at)
	};
	if (row.shipment != null) event.shipment = parse<CourierShipment>(row.shipment);
	// SQLite answers 1/0, PostgreSQL a boolean.
	if (row.icp_materials === true || Number(row.icp_materials) === 1) event.icpMaterialsEnclosed = true;
	return event;
}

/** An admin_actions row; rows written before the audit trail had no actor (the token was all there was) and their detail is their after. */
export function toAction(row: Row): AdminAction {
	const json = (v: unknown) => (v == null ? null : parse<unknown>(v));
	return {
		id: Number(row.id),
		actor: row.actor == null ? 'token' : str(row.actor),
		action: str(row.action),
		target: str(row.target),
		detail: row.detail == null ? undefined : parse<unknown>(row.detail),
		before: json(row.before_state),
		after: json(row.after_state),
		at: str(row.at)
	};
}

export function toStaff(row: Row): StaffRecord {
	return {
		login: str(row.login),
		roles: parse<StaffRole[]>(row.roles),
		passwordHash: str(row.password_hash),
		mustChangePassword: row.must_change_password === true || Number(row.must_change_password) === 1,
		createdAt: str(row.created_at),
		lastSignInAt: nullableStr(row.last_sign_in_at)
	};
}

export function toRefusal(row: Row): RefusalRow {
	return {
		accountId: str(row.account_id),
		contractId: str(row.contract_id),
		number: str(row.number),
		kind: str(row.kind) as RefusalRow['kind'],
		templateVersion: str(row.template_version),
		reason: str(row.reason),
		fields: parse<string[]>(row.fields),
		at: str(row.at)
	};
}

export function toYear(row: Row): StoredHolidayYear {
	return {
		year: Number(row.year),
		holidays: parse<ScheduleDay[]>(row.holidays),
		workdays: parse<ScheduleDay[]>(row.workdays),
		source: str(row.source) as StoredHolidayYear['source'],
		publishedAt: str(row.published_at),
		revision: Number(row.seq)
	};
}

export function toContract(row: Row): StoredContract {
	return {
		id: str(row.id),
		accountId: str(row.account_id),
		record: parse<ContractRecord>(row.record),
		pdfSha256: str(row.pdf_sha256),
		// SQLite answers `pdf IS NOT NULL` with 1/0, PostgreSQL with a boolean.
		hasPdf: row.has_pdf === true || Number(row.has_pdf) === 1,
		status: str(row.status) as ContractStatus,
		registeredAt: nullableStr(row.registered_at),
		seq: Number(row.seq)
	};
}
