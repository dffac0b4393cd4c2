// Messages of the PWA shell (update prompt, version); page texts load with their pages (lib/pwa/i18n).
import { defineMessages } from '../define';

export default defineMessages(
	{
		pwaUpdateTitle: '新版本已就绪',
		pwaUpdateBody: '重新加载即可使用新版本。正在填写的内容已自动保存，重新加载后会恢复。',
		pwaUpdateReload: '重新加载',
		pwaUpdateLater: '稍后',
		pwaUpdateElsewhere: '新版本已在其他窗口启用，请重新加载此页面。',
		pwaUpdateCheck: '检查更新',
		pwaUpdateNone: '已是最新版本',
		pwaVersion: '版本 {version}',
		pwaBuild: '{date} 发布 · 构建 {build}'
	},
	{
		pwaUpdateTitle: 'A new version is ready',
		pwaUpdateBody: 'Reload to use it. What you are typing is saved and comes back after the reload.',
		pwaUpdateReload: 'Reload',
		pwaUpdateLater: 'Later',
		pwaUpdateElsewhere: 'A new version was activated in another window. Please reload this page.',
		pwaUpdateCheck: 'Check for updates',
		pwaUpdateNone: 'You have the latest version',
		pwaVersion: 'Version {version}',
		pwaBuild: 'released {date} · build {build}'
	}
);
