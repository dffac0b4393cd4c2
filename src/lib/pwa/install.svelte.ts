// Install state: the browser's deferred install prompt where offered, iOS Safari's manual steps elsewhere.

/** Chromium's event; not in the DOM typings. */
interface BeforeInstallPromptEvent extends Event {
	prompt(): Promise<void>;
	readonly userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export type Platform = { ios: boolean; standalone: boolean };

/** iPadOS reports itself as a Mac; a touch screen gives it away. */
export function detectPlatform(
	nav: { userAgent: string; platform?: string; maxTouchPoints?: number; standalone?: boolean },
	standaloneQuery: boolean
): Platform {
	const ios = /iPad|iPhone|iPod/.test(nav.userAgent) || (nav.platform === 'MacIntel' && (nav.maxTouchPoints ?? 0) > 1);
	return { ios, standalone: standaloneQuery || nav.standalone === true };
}

class InstallState {
	/** The browser offered an install prompt we can show from our own button. */
	canPrompt = $state(false);
	installed = $state(false);
	ios = $state(false);
	standalone = $state(false);
	#event: BeforeInstallPromptEvent | null = null;

	constructor() {
		if (typeof window === 'undefined') return;
		const query = window.matchMedia?.('(display-mode: standalone)');
		const p = detectPlatform(navigator as Navigator & { standalone?: boolean }, query?.matches ?? false);
		this.ios = p.ios;
		this.standalone = p.standalone;
		query?.addEventListener?.('change', (e) => (this.standalone = e.matches));
		// Registered when this module loads (with the layout), since the event can come before any page renders.
		window.addEventListener('beforeinstallprompt', (e) => {
			e.preventDefault();
			this.#event = e as BeforeInstallPromptEvent;
			this.canPrompt = true;
		});
		window.addEventListener('appinstalled', () => {
			this.installed = true;
			this.canPrompt = false;
			this.#event = null;
		});
	}

	/** iOS Safari has no install prompt: the user adds the app from the share sheet. */
	get showIosSteps(): boolean {
		return this.ios && !this.standalone;
	}

	async prompt(): Promise<'accepted' | 'dismissed' | 'unavailable'> {
		const event = this.#event;
		if (!event) return 'unavailable';
		// The event can be used once only.
		this.#event = null;
		this.canPrompt = false;
		await event.prompt();
		const { outcome } = await event.userChoice;
		if (outcome === 'accepted') this.installed = true;
		return outcome;
	}
}

export const installState = new InstallState();
