// Messages of the always-visible sync badge, the sync problem notice and sync failures; the outbox page's own messages live in features/outbox/i18n.ts.
import { defineMessages } from '../define';

export default defineMessages(
	{
		badgeOffline: '离线',
		badgeOfflineWaiting: '离线 · {count} 项待发送',
		badgeUnreachable: '服务商无法连接',
		badgeUnreachableWaiting: '服务商无法连接 · {count} 项待发送',
		badgeFailing: '服务商故障',
		badgeFailingWaiting: '服务商故障 · {count} 项待发送',
		badgeSignIn: '请重新登录',
		badgeSignInWaiting: '请重新登录 · {count} 项待发送',
		badgeRefused: '{count} 项被拒绝',
		badgeSending: '发送中 {count} 项',
		badgeSynced: '已同步 {time}',
		badgeTitle: '同步状态：{state}。点击查看待发送内容',
		syncSide_user: '需要您处理',
		syncSide_phone: '问题在本机网络',
		syncSide_provider: '问题在服务商',
		syncProblem_offline: '手机当前没有网络连接。可以继续使用；需要提交的内容保存在本设备上，联网后自动发送。',
		syncProblem_offlineWaiting: '手机当前没有网络连接。{count} 项内容已保存在本设备上，联网后自动发送，无需重新提交。',
		syncProblem_unreachable: '手机已联网，但服务商的服务器没有应答。不是您的设备的问题；服务商恢复后会自动同步。',
		syncProblem_unreachableWaiting:
			'手机已联网，但服务商的服务器没有应答。不是您的设备的问题：{count} 项内容已保存在本设备上，服务商恢复后自动发送。',
		syncProblem_failing: '服务商的服务器暂时无法处理请求。不是您的设备的问题；服务商恢复后会自动同步。',
		syncProblem_failingWaiting:
			'服务商的服务器暂时无法处理请求。不是您的设备的问题：{count} 项内容已保存在本设备上，服务商恢复后自动发送。',
		syncProblem_signIn: '登录已过期。待发送的内容都已保留，重新登录后自动继续发送。',
		syncProblem_signInWaiting: '登录已过期。{count} 项待发送内容已保留，重新登录后自动继续发送。',
		syncProblem_refused:
			'{count} 项提交被服务商拒绝，需要您查看原因并处理。同一合同的后续提交会等它处理完；其他合同照常发送。',
		syncProblemOpenOutbox: '查看待发送内容',
		syncError_network: '无法连接服务商，联网后会自动重试',
		syncError_server: '服务商暂时无法处理请求，请稍后重试',
		syncError_unknown: '本设备出现意外问题，请稍后重试；如果一直出现，请重新加载页面'
	},
	{
		badgeOffline: 'Offline',
		badgeOfflineWaiting: 'Offline · {count} waiting',
		badgeUnreachable: 'Provider unreachable',
		badgeUnreachableWaiting: 'Provider unreachable · {count} waiting',
		badgeFailing: 'Provider failing',
		badgeFailingWaiting: 'Provider failing · {count} waiting',
		badgeSignIn: 'Sign in again',
		badgeSignInWaiting: 'Sign in again · {count} waiting',
		badgeRefused: '{count} refused',
		badgeSending: 'Sending {count}',
		badgeSynced: 'Synced {time}',
		badgeTitle: 'Sync status: {state}. Open the outbox',
		syncSide_user: 'Needs you',
		syncSide_phone: 'This phone is offline',
		syncSide_provider: 'The provider has a problem',
		syncProblem_offline:
			'This phone has no network connection. Keep working: submissions are kept on this device and sent once it is back online.',
		syncProblem_offlineWaiting:
			'This phone has no network connection. {count, plural, one {# submission is} other {# submissions are}} kept on this device and {count, plural, one {goes} other {go}} out by themselves once it is back online; no need to submit again.',
		syncProblem_unreachable:
			'This phone is online, but the provider’s server does not answer. Your device is fine; syncing resumes by itself when the provider is back.',
		syncProblem_unreachableWaiting:
			'This phone is online, but the provider’s server does not answer. Your device is fine: {count, plural, one {# submission is} other {# submissions are}} kept on it and {count, plural, one {goes out by itself} other {go out by themselves}} when the provider is back.',
		syncProblem_failing:
			'The provider’s server cannot handle requests right now. Your device is fine; syncing resumes by itself when the provider recovers.',
		syncProblem_failingWaiting:
			'The provider’s server cannot handle requests right now. Your device is fine: {count, plural, one {# submission is} other {# submissions are}} kept on it and {count, plural, one {goes out by itself} other {go out by themselves}} when the provider recovers.',
		syncProblem_signIn: 'Your session has expired. Everything waiting is kept and goes out once you sign in again.',
		syncProblem_signInWaiting:
			'Your session has expired. {count, plural, one {# waiting submission is} other {# waiting submissions are}} kept and {count, plural, one {goes} other {go}} out once you sign in again.',
		syncProblem_refused:
			'The provider refused {count, plural, one {# submission} other {# submissions}}: please look at the reason and deal with it. Later submissions of the same contract wait for it; other contracts are sent as usual.',
		syncProblemOpenOutbox: 'Open the outbox',
		syncError_network: 'Cannot reach the provider; retrying once the connection is back',
		syncError_server: 'The provider cannot handle the request right now; please try again later',
		syncError_unknown:
			'Something unexpected happened on this device; please try again later, and reload the page if it keeps happening'
	}
);
