// Messages of the always-visible sync badge and sync failures; the outbox page's own messages live in sync/i18n.ts.
import { defineMessages } from '../define';

export default defineMessages(
	{
		badgeOffline: '离线',
		badgeOfflineWaiting: '离线 · {count} 项待发送',
		badgeSending: '发送中 {count} 项',
		badgeSynced: '已同步 {time}',
		badgeAttention: '需要处理',
		badgeTitle: '同步状态：{state}。点击查看待发送内容',
		syncError_network: '无法连接服务商，联网后会自动重试',
		syncError_server: '服务商暂时无法处理请求，请稍后重试',
		syncError_unknown: '本设备出现意外问题，请稍后重试；如果一直出现，请重新加载页面'
	},
	{
		badgeOffline: 'Offline',
		badgeOfflineWaiting: 'Offline · {count} waiting',
		badgeSending: 'Sending {count}',
		badgeSynced: 'Synced {time}',
		badgeAttention: 'Needs attention',
		badgeTitle: 'Sync status: {state}. Open the outbox',
		syncError_network: 'Cannot reach the provider; retrying once the connection is back',
		syncError_server: 'The provider cannot handle the request right now; please try again later',
		syncError_unknown: 'Something unexpected happened on this device; please try again later, and reload the page if it keeps happening'
	}
);
