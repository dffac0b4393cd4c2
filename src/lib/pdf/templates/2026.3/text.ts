// The fixed document text of template versions CD-FA/CD-FL/CD-OR-2026.3: 2026.2's, unchanged (later versions vary it); pure data, also read by the font build for the bold face.
export { type Article, articles, ATTACHMENT_NOTE, BOLD_TEXTS, boldTexts, HEADINGS, LABELS, ORDER_COLUMNS, PREAMBLE, SELF, signaturePageNote, SITE_COLUMNS, type TemplateText, TEXT, TITLES } from '../2026.2/text';
