// The back office's built files (scripts/office-files.js): the service worker leaves them out of its precache.
declare module 'virtual:office-files' {
	const files: string[];
	export default files;
}
