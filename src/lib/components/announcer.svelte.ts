// A polite message that outlives a route change (e.g. 「合同已生成：HT-…」): the root layout's live region reads it.

/** `until`: the path the message belongs to; leaving it clears the message (see `leave`). */
export const announcer = $state<{ text: string; until: string | null }>({ text: '', until: null });

/** Says `text` in the root layout's polite status; `until` is the path it stays for (the page being opened). */
export function announce(text: string, until: string | null = null): void {
	announcer.text = text;
	announcer.until = until;
}

/** The layout calls this on every route: a message stays on the page it was meant for, and no longer. */
export function leave(pathname: string): void {
	if (announcer.until !== null && announcer.until !== pathname) announce('');
}
