// The signed-in staff member (from /office/me), shared by the office's layout and screens.
import {
	staffMe,
	signInResponse,
	type StaffMe,
	type StaffRole,
	canDo,
	type OfficeCapability
} from '../../domain/office';
import { officeCall, officeToken, whenUnauthorized } from './api';

class OfficeSession {
	me = $state<StaffMe | null>(null);
	checked = $state(false);
	expired = $state(false);

	constructor() {
		whenUnauthorized(() => {
			this.expired = this.me !== null;
			this.me = null;
		});
	}

	async load(): Promise<void> {
		if (!officeToken.get()) {
			this.checked = true;
			return;
		}
		try {
			this.me = await officeCall('GET', '/me', staffMe);
		} catch {
			this.me = null;
		} finally {
			this.checked = true;
		}
	}

	async signIn(login: string, password: string): Promise<void> {
		const res = await officeCall('POST', '/session', signInResponse, { login, password });
		officeToken.set(res.token);
		const { token: _token, ...me } = res;
		this.expired = false;
		this.me = me;
	}

	async signOut(): Promise<void> {
		try {
			await officeCall('DELETE', '/session', null);
		} finally {
			officeToken.set(null);
			this.me = null;
		}
	}

	can(capability: OfficeCapability): boolean {
		return this.me !== null && canDo(this.me.roles, capability);
	}

	has(role: StaffRole): boolean {
		return this.me?.roles.includes(role) ?? false;
	}
}

export const officeSession = new OfficeSession();
