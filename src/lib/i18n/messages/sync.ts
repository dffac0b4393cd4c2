// Messages of the always-visible sync badge; the outbox page's own messages live in sync/i18n.ts.
import { defineMessages } from '../define';

export default defineMessages(
	{
		badgeOffline: '离线',
		badgeOfflineWaiting: '离线 · {count} 项待发送',
		badgeSending: '发送中 {count} 项',
		badgeSynced: '已同步 {time}',
		badgeAttention: '需要处理',
		badgeTitle: '同步状态：{state}。点击查看待发送内容'
	},
	{
		badgeOffline: 'Offline',
		badgeOfflineWaiting: 'Offline · {count} waiting',
		badgeSending: 'Sending {count}',
		badgeSynced: 'Synced {time}',
		badgeAttention: 'Needs attention',
		badgeTitle: 'Sync status: {state}. Open the outbox'
	}
);
