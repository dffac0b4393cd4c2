// The back office's API (/api/v1/office/*): staff, roles and every request and response shape, shared by the office screens and the server.
//
// Routes (role needed; every route needs a signed-in staff session: 401 without one, 403 `forbidden` without the role):
//   POST   /office/session                              — (none)          signInRequest → signInResponse
//   DELETE /office/session                              — any staff       → 204 (sign-out)
//   GET    /office/me                                   — any staff       → staffMe
//   PUT    /office/me/password                          — any staff       changePasswordRequest → staffMe (allowed while mustChangePassword)
//   GET    /office/queues/:queue?q=&limit=&offset=       — any staff       → queueResponse
//   GET    /office/contracts/:id                        — any staff       → officeContractResponse
//   GET    /office/intake/:number                       — intake          → intakeLookupResponse (404 unknown number)
//   POST   /office/contracts/:id/received               — intake          → actionResponse (409 actionRefused)
//   POST   /office/contracts/:id/stamped                — stamping        → actionResponse
//   POST   /office/contracts/:id/dispatched             — dispatch        dispatchRequest → actionResponse
//   GET    /office/accounts?q=                          — admin, verification → accountsResponse
//   POST   /office/accounts                             — admin           createAccountRequest → accessCodeResponse (201)
//   POST   /office/accounts/:id/access-code             — admin           rotateAccessCodeRequest → accessCodeResponse
//   POST   /office/accounts/:id/identity/preview        — verification    identityRequest → identityPreview
//   PUT    /office/accounts/:id/identity                — verification    identityRequest → identityResponse
//   GET    /office/calendar                             — calendar        → calendarYearsResponse
//   GET    /office/calendar/:year                       — calendar        → calendarYearResponse (404 none published)
//   POST   /office/calendar/:year/preview               — calendar        calendarRequest → calendarPreview
//   PUT    /office/calendar/:year                       — calendar        calendarRequest → calendarPublishResponse
//   GET    /office/refusals?days=                       — verification, admin → refusalsResponse
//   GET    /office/audit?contract=&actor=&limit=&before= — admin (any staff with ?contract=) → auditResponse
//   GET    /office/staff                                — admin           → staffListResponse
//   POST   /office/staff                                — admin           createStaffRequest → initialPasswordResponse (201)
//   PUT    /office/staff/:login/roles                   — admin           staffRolesRequest → staffMember
//   POST   /office/staff/:login/password-reset          — admin           → initialPasswordResponse (sessions revoked)
//   POST   /office/staff/:login/sessions/revoke         — admin           → { revoked: number }
// Errors are the API's usual { error, message, fields? }: 400 invalid, 401 unauthorized, 403 forbidden | mustChangePassword,
// 404 notFound, 409 actionRefused, 429 tooManyAttempts (Retry-After).
import './zod-config';
import { z } from 'zod';
import { CONTRACT_KINDS } from './contractKinds';
import { returnAddress } from './address';
import { verifiedIdentity } from './identity';
import { scheduleBody } from './holidayCalendar';
import { courierShipment, stampingEvent } from './stampingEvent';
import { text } from './text';
import { CONTRACT_NUMBER } from './verification';

// ---------------------------------------------------------------------------------------------
// Staff, roles, sessions
// ---------------------------------------------------------------------------------------------

/** intake receives, stamping stamps, dispatch returns, verification sets identities, calendar publishes, admin runs staff and accounts. */
const contractKind = z.enum(CONTRACT_KINDS);

export const STAFF_ROLES = ['intake', 'stamping', 'dispatch', 'verification', 'calendar', 'admin'] as const;
export const staffRole = z.enum(STAFF_ROLES);
export type StaffRole = z.infer<typeof staffRole>;

/** What each part of the office needs: a route answers 403 to a member holding none of these roles. */
export const OFFICE_ACCESS = {
	queues: STAFF_ROLES,
	receive: ['intake'],
	stamp: ['stamping'],
	dispatch: ['dispatch'],
	accounts: ['admin', 'verification'],
	issueCodes: ['admin'],
	identity: ['verification'],
	calendar: ['calendar'],
	refusals: ['verification', 'admin'],
	audit: ['admin'],
	staff: ['admin']
} as const satisfies Record<string, readonly StaffRole[]>;
export type OfficeCapability = keyof typeof OFFICE_ACCESS;

export function canDo(roles: readonly StaffRole[], capability: OfficeCapability): boolean {
	return roles.some((r) => (OFFICE_ACCESS[capability] as readonly StaffRole[]).includes(r));
}

/** Audit actors that are not staff: the shared ADMIN_TOKEN (automation) and the server itself. */
export const RESERVED_ACTORS = ['token', 'system'] as const;

/** A sign-in name: lower-case letters, digits and . _ -, starting with a letter. */
export const staffLogin = z
	.string()
	.trim()
	.toLowerCase()
	.regex(/^[a-z][a-z0-9._-]{1,31}$/, { message: 'login' })
	.refine((l) => !(RESERVED_ACTORS as readonly string[]).includes(l), { message: 'reserved' });

/** A password a member chooses: long rather than clever (a phrase does), bounded so hashing stays cheap. */
export const PASSWORD_LIMITS = { min: 12, max: 200 } as const;
export const newStaffPassword = z
	.string()
	.min(PASSWORD_LIMITS.min, { message: 'tooShort' })
	.max(PASSWORD_LIMITS.max, { message: 'tooLong' });

export const signInRequest = z.object({
	login: staffLogin,
	password: z.string().min(1, { message: 'required' }).max(PASSWORD_LIMITS.max, { message: 'tooLong' })
});

export const staffMe = z.object({
	login: z.string(),
	roles: z.array(staffRole),
	/** True after `staff add` or a reset: every route but me, sign-out and the password change answers 403 mustChangePassword. */
	mustChangePassword: z.boolean(),
	/** A session unused this long is over; each request extends it. */
	idleTimeoutSeconds: z.number().int().positive()
});

export const signInResponse = staffMe.extend({ token: z.string().min(1) });

export const changePasswordRequest = z
	.object({ currentPassword: z.string().min(1).max(PASSWORD_LIMITS.max), newPassword: newStaffPassword })
	.refine((v) => v.currentPassword !== v.newPassword, { message: 'samePassword', path: ['newPassword'] });

export const staffMember = z.object({
	login: z.string(),
	roles: z.array(staffRole),
	mustChangePassword: z.boolean(),
	createdAt: z.string(),
	lastSignInAt: z.string().nullable(),
	activeSessions: z.number().int().nonnegative()
});

export const createStaffRequest = z.object({
	login: staffLogin,
	roles: z.array(staffRole).min(1, { message: 'required' })
});
export const staffRolesRequest = z.object({ roles: z.array(staffRole).min(1, { message: 'required' }) });
/** Shown once, to be handed over; the member must replace it at the first sign-in. */
export const initialPasswordResponse = z.object({ member: staffMember, initialPassword: z.string() });
export const staffListResponse = z.object({ staff: z.array(staffMember) });

// ---------------------------------------------------------------------------------------------
// Queues and contracts
// ---------------------------------------------------------------------------------------------

/** 待收件 awaiting (address submitted, paper not here), 已收件 received, 已盖章待寄回 stamped, 已寄回 returned. */
export const OFFICE_QUEUES = ['awaiting', 'received', 'stamped', 'returned'] as const;
export const officeQueue = z.enum(OFFICE_QUEUES);
export type OfficeQueue = z.infer<typeof officeQueue>;

/** Due in this many working days or fewer (and not overdue): listed right after the overdue ones. */
export const DUE_SOON_WORKDAYS = 3;

export const queueQuery = z.object({
	/** Any part of a contract number or of Party A's name; case and spaces ignored. */
	q: z.string().trim().max(100).optional(),
	limit: z.coerce.number().int().min(1).max(200).default(50),
	offset: z.coerce.number().int().min(0).default(0)
});

export const dueDate = z.object({
	due: z.string(),
	provisional: z.boolean(),
	unpublishedYear: z.number().int().optional()
});

/**
 * One stamping request as the office lists it. Order: awaiting oldest submission first; received and stamped
 * overdue first, then due soon, then by due date; returned most recent first.
 */
export const queueItem = z.object({
	contractId: z.string(),
	number: z.string(),
	kind: contractKind,
	/** Party A's name as printed on the contract. */
	companyName: z.string(),
	accountId: z.string(),
	queue: officeQueue,
	submittedAt: z.string(),
	/** The customer's own parcel to the provider, when they told it. */
	outbound: courierShipment.nullable(),
	receivedAt: z.string().nullable(),
	stampedAt: z.string().nullable(),
	returnedAt: z.string().nullable(),
	/** While the provider holds the copy (received, stamped): the promised return date. */
	due: dueDate.nullable(),
	overdue: z.boolean(),
	dueSoon: z.boolean(),
	/** Returned: the courier carrying it back. */
	returnShipment: courierShipment.nullable(),
	/** Returned filing contracts: the ICP commercial-filing materials went with it. */
	icpMaterialsEnclosed: z.boolean(),
	/** The customer confirmed it arrived (确认收到). */
	confirmedAt: z.string().nullable()
});
export type QueueItem = z.infer<typeof queueItem>;

export const queueCounts = z.object(
	Object.fromEntries(OFFICE_QUEUES.map((q) => [q, z.number().int().nonnegative()])) as Record<OfficeQueue, z.ZodNumber>
);

export const queueResponse = z.object({
	queue: officeQueue,
	/** Every queue's size, search ignored (the tabs). */
	counts: queueCounts,
	/** Every queue's size within the search `q` (equal to counts without one). */
	matching: queueCounts,
	items: z.array(queueItem),
	/** Items of this queue matching `q`, all pages. */
	total: z.number().int().nonnegative()
});

/** One request in full: the list row, the return address to mail it back to, its events (its audit rows: GET /office/audit?contract=). */
export const officeContract = queueItem.extend({
	returnAddress: returnAddress.nullable(),
	events: z.array(stampingEvent)
});
export const officeContractResponse = z.object({ contract: officeContract });

/** Why a number cannot be received now. */
export const intakeRefusal = z.enum(['noAddress', 'alreadyReceived']);
export const intakeLookupResponse = z.object({
	/** Null when the contract is registered but no return address was submitted (reason noAddress). */
	contract: officeContract.nullable(),
	contractId: z.string(),
	number: z.string(),
	companyName: z.string(),
	canReceive: z.boolean(),
	reason: intakeRefusal.nullable()
});

/** What the scanner or a typed/pasted text yields: the contract number in it (upper-cased), or null. */
export function extractContractNumber(raw: string): string | null {
	const found = raw
		.toUpperCase()
		.replace(/\s+/g, '')
		.match(/HT-\d{8}-[0-9A-F]{8,16}/);
	if (!found) return null;
	const candidates = [found[0].slice(0, 29), found[0].slice(0, 20)];
	return candidates.find((c) => CONTRACT_NUMBER.test(c)) ?? null;
}

export const dispatchRequest = courierShipment.extend({
	/** Required true for a filing contract (the ICP commercial-filing materials go with it); false otherwise. */
	icpMaterialsEnclosed: z.boolean().default(false)
});

export const actionRefusal = z.enum([
	'noStampingRequest',
	'notReceived',
	'notStamped',
	'alreadyReceived',
	'alreadyStamped',
	'alreadyReturned'
]);
/** 409 body when the request is not at the step the action needs. */
export const actionRefusedError = z.object({
	error: z.literal('actionRefused'),
	reason: actionRefusal,
	message: z.string(),
	contract: officeContract.nullable()
});

export const actionResponse = z.object({ contract: officeContract });

// ---------------------------------------------------------------------------------------------
// Customer accounts and access codes
// ---------------------------------------------------------------------------------------------

/** Crockford base32: no I, L, O, U, so a code read aloud or typed from paper has no look-alikes. */
export const ACCESS_CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** 28 characters × 5 bits = 140 bits, shown as 7 groups of 4. */
export const ACCESS_CODE_LENGTH = 28;
export const ACCESS_CODE_GROUP = 4;

/** An issued code as typed: separators and case ignored, look-alikes (O→0, I/L→1) folded; null when not one. */
export function canonicalAccessCode(raw: string): string | null {
	const folded = raw
		.toUpperCase()
		.replace(/[\s-]+/g, '')
		.replace(/O/g, '0')
		.replace(/[IL]/g, '1');
	if (folded.length !== ACCESS_CODE_LENGTH) return null;
	for (const ch of folded) if (!ACCESS_CODE_ALPHABET.includes(ch)) return null;
	return groupAccessCode(folded);
}

/** ABCD-EFGH-…: the form shown, stored (hashed) and read aloud. */
export function groupAccessCode(code: string): string {
	const groups: string[] = [];
	for (let i = 0; i < code.length; i += ACCESS_CODE_GROUP) groups.push(code.slice(i, i + ACCESS_CODE_GROUP));
	return groups.join('-');
}

export const officeAccount = z.object({
	id: z.string(),
	status: z.enum(['verified', 'unverified']),
	/** The verified legal name, else the account's name. */
	name: z.string(),
	creditCode: z.string().nullable(),
	hasAccessCode: z.boolean(),
	codeIssuedAt: z.string().nullable(),
	contracts: z.number().int().nonnegative()
});
export const accountsResponse = z.object({ accounts: z.array(officeAccount) });

export const createAccountRequest = z.object({ accountName: text(100) });
export const rotateAccessCodeRequest = z.object({
	/** Sign the account's devices out too (default): whoever held the old code is out. */
	revokeSessions: z.boolean().default(true)
});
/** The code is shown once here and never again: only its hash is kept. */
export const accessCodeResponse = z.object({
	account: officeAccount,
	accessCode: z.string(),
	/** The code's groups, for reading aloud one at a time. */
	groups: z.array(z.string()),
	revokedSessions: z.number().int().nonnegative()
});

// ---------------------------------------------------------------------------------------------
// Identity (实名认证)
// ---------------------------------------------------------------------------------------------

export const identityRequest = verifiedIdentity
	.pick({ entityType: true, legalName: true, creditCode: true, legalRepresentative: true, registeredAddress: true })
	.partial({ entityType: true });

export const registeredContractRef = z.object({
	contractId: z.string(),
	number: z.string(),
	kind: contractKind,
	registeredAt: z.string().nullable()
});

export const identityPreview = z.object({
	accountId: z.string(),
	current: verifiedIdentity.nullable(),
	proposed: identityRequest,
	/** False: the same identity again, nothing would change. */
	changes: z.boolean(),
	/** Registered contracts whose Party A is the identity being replaced (they stay as registered). */
	contractsWithOldIdentity: z.array(registeredContractRef),
	/**
	 * Always true when `changes`: contracts generated on the customer's devices before the change and not yet
	 * registered will be refused — the server cannot count those.
	 */
	unregisteredWillBeRefused: z.boolean()
});

export const identityResponse = z.object({ identity: verifiedIdentity, changed: z.boolean() });

// ---------------------------------------------------------------------------------------------
// Calendar
// ---------------------------------------------------------------------------------------------

export const calendarRequest = scheduleBody;

export const calendarYearSummary = z.object({
	year: z.number().int(),
	source: z.enum(['bundled', 'admin']),
	publishedAt: z.string(),
	revision: z.number().int(),
	holidays: z.number().int(),
	workdays: z.number().int()
});
export const calendarYearsResponse = z.object({ years: z.array(calendarYearSummary) });

export const publishedYear = scheduleBody.extend({
	year: z.number().int(),
	source: z.enum(['bundled', 'admin']),
	publishedAt: z.string(),
	revision: z.number().int()
});
export const calendarYearResponse = z.object({ year: publishedYear });

/** A paper copy the provider holds whose due date the new schedule moves (or settles: provisional → not). */
export const dueDateChange = z.object({
	contractId: z.string(),
	number: z.string(),
	companyName: z.string(),
	receivedAt: z.string(),
	before: dueDate,
	after: dueDate
});

export const calendarPreview = z.object({
	year: z.number().int(),
	/** The revision now published for the year, null when none. */
	currentRevision: z.number().int().nullable(),
	/** False: the same days as published. */
	changes: z.boolean(),
	addedDays: z.array(z.object({ date: z.string(), name: z.string(), type: z.enum(['holiday', 'workday']) })),
	removedDays: z.array(z.object({ date: z.string(), name: z.string(), type: z.enum(['holiday', 'workday']) })),
	dueDateChanges: z.array(dueDateChange)
});

export const calendarPublishResponse = z.object({
	year: publishedYear,
	changed: z.boolean(),
	dueDateChanges: z.array(dueDateChange)
});

// ---------------------------------------------------------------------------------------------
// Refusals
// ---------------------------------------------------------------------------------------------

export const refusalsQuery = z.object({ days: z.coerce.number().int().min(1).max(90).default(7) });

export const refusal = z.object({
	contractId: z.string(),
	number: z.string(),
	kind: contractKind,
	accountId: z.string(),
	templateVersion: z.string(),
	/** The refusal's error code (partyAMismatch, templateVersionUnknown, …). */
	reason: z.string(),
	/** Every field path the registry named. */
	fields: z.array(z.string()),
	at: z.string()
});

export const refusalsResponse = z.object({
	days: z.number().int(),
	since: z.string(),
	total: z.number().int().nonnegative(),
	/** Most frequent first. */
	byReason: z.array(
		z.object({
			reason: z.string(),
			count: z.number().int().positive(),
			accounts: z.number().int().positive(),
			lastAt: z.string(),
			/** The most recent few. */
			recent: z.array(refusal)
		})
	)
});

// ---------------------------------------------------------------------------------------------
// Audit trail
// ---------------------------------------------------------------------------------------------

export const auditQuery = z.object({
	contract: z.string().max(200).optional(),
	account: z.string().max(200).optional(),
	actor: z.string().max(64).optional(),
	limit: z.coerce.number().int().min(1).max(500).default(100),
	/** Rows with an id below this (the previous page's last id). */
	before: z.coerce.number().int().positive().optional()
});

/** One line of the append-only log: who (a staff login, or `token` for automation), what, on what, before → after. */
export const auditRow = z.object({
	id: z.number().int(),
	actor: z.string(),
	action: z.string(),
	target: z.string(),
	before: z.unknown().nullable(),
	after: z.unknown().nullable(),
	at: z.string()
});
export type AuditRow = z.infer<typeof auditRow>;
export const auditResponse = z.object({ rows: z.array(auditRow), next: z.number().int().nullable() });

export type SignInRequest = z.infer<typeof signInRequest>;
export type SignInResponse = z.infer<typeof signInResponse>;
export type StaffMe = z.infer<typeof staffMe>;
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
export type StaffMember = z.infer<typeof staffMember>;
export type QueueResponse = z.infer<typeof queueResponse>;
export type OfficeContract = z.infer<typeof officeContract>;
export type IntakeLookupResponse = z.infer<typeof intakeLookupResponse>;
export type DispatchRequest = z.infer<typeof dispatchRequest>;
export type ActionRefusal = z.infer<typeof actionRefusal>;
export type OfficeAccount = z.infer<typeof officeAccount>;
export type AccessCodeResponse = z.infer<typeof accessCodeResponse>;
export type IdentityRequest = z.infer<typeof identityRequest>;
export type IdentityPreview = z.infer<typeof identityPreview>;
export type CalendarPreview = z.infer<typeof calendarPreview>;
export type DueDateChange = z.infer<typeof dueDateChange>;
export type Refusal = z.infer<typeof refusal>;
export type RefusalsResponse = z.infer<typeof refusalsResponse>;
