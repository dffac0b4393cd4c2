// 「粘贴识别」 on five realistic lines: every field lands where the form expects it, divisions from the official data.
import { describe, expect, it } from 'vitest';
import { returnAddress } from '../../domain/address';
import { parsePastedAddress } from './pasteAddress';

describe('parsePastedAddress', () => {
	it.each([
		[
			'张三 138 1234 5678 广东省深圳市南山区高新南七道18号 518057',
			{
				recipient: '张三',
				phone: '13812345678',
				province: '广东省',
				city: '深圳市',
				district: '南山区',
				address: '高新南七道18号',
				postalCode: '518057'
			}
		],
		[
			'李喆，13912345678，北京市海淀区中关村大街1号院2号楼3层，100080',
			{
				recipient: '李喆',
				phone: '13912345678',
				province: '北京市',
				city: '北京市',
				district: '海淀区',
				address: '中关村大街1号院2号楼3层',
				postalCode: '100080'
			}
		],
		[
			'收件人：王珺 电话：0755-86013388 地址：广东省广州市天河区天河路385号太古汇一座 邮编 510620',
			{
				recipient: '王珺',
				phone: '0755-86013388',
				province: '广东省',
				city: '广州市',
				district: '天河区',
				address: '天河路385号太古汇一座',
				postalCode: '510620'
			}
		],
		[
			'上海市浦东新区世纪大道100号环球金融中心 刘玥 186-0000-1234 200120',
			{
				recipient: '刘玥',
				phone: '18600001234',
				province: '上海市',
				city: '上海市',
				district: '浦东新区',
				address: '世纪大道100号环球金融中心',
				postalCode: '200120'
			}
		],
		[
			'四川省成都市武侯区天府大道北段1700号 陈堃 +86 135 0000 8888 610041',
			{
				recipient: '陈堃',
				phone: '13500008888',
				province: '四川省',
				city: '成都市',
				district: '武侯区',
				address: '天府大道北段1700号',
				postalCode: '610041'
			}
		]
	])('%s', (line, expected) => {
		const filled = parsePastedAddress(line);
		expect(filled).toEqual(expected);
		// What it fills passes the same schema the server applies.
		expect(returnAddress.safeParse(filled).success).toBe(true);
	});

	it('fills nothing it cannot find, and nothing from an empty paste', () => {
		expect(parsePastedAddress('   ')).toEqual({});
		const partial = parsePastedAddress('王珺 13812345678');
		expect(partial.phone).toBe('13812345678');
		expect(partial.province).toBeUndefined();
	});
});
