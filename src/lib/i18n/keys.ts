// Every message key, derived from the zh-CN catalogs at compile time: `t('missspelt')` does not compile.
// Type-only imports: no catalog is loaded by naming it here. A new message file is listed below.
import type common from './messages/common';
import type pwa from './messages/pwa';
import type sync from './messages/sync';
import type { contractMessages } from '../features/contracts/i18n';
import type { fieldMessages } from '../features/fields/i18n';
import type { listMessages } from '../features/contracts/list/i18n';
import type { paperMessages } from '../features/paperCopy/i18n';
import type { coverMessages } from '../features/stamping/cover/i18n';
import type { officeMessages } from '../features/office/i18n';
import type { printMessages } from '../features/print/i18n';
import type { stampingMessages } from '../features/stamping/i18n';
import type { verifyMessages } from '../features/verify/i18n';
import type { sealMessages } from '../features/seal/i18n';
import type { outboxMessages } from '../features/outbox/i18n';
import type { faqMessages } from '../pwa/i18n/faq';
import type { glossaryMessages } from '../pwa/i18n/glossary';
import type { pageMessages } from '../pwa/i18n/pages';

type KeysOf<C> = C extends { 'zh-CN': infer Z } ? Extract<keyof Z, string> : never;

type Catalogs =
	| typeof common
	| typeof pwa
	| typeof sync
	| typeof contractMessages
	| typeof fieldMessages
	| typeof listMessages
	| typeof paperMessages
	| typeof coverMessages
	| typeof officeMessages
	| typeof glossaryMessages
	| typeof printMessages
	| typeof stampingMessages
	| typeof verifyMessages
	| typeof sealMessages
	| typeof outboxMessages
	| typeof faqMessages
	| typeof pageMessages;

/** A key some zh-CN catalog defines (English must define the same ones: see define.ts). */
export type MessageKey = KeysOf<Catalogs>;
