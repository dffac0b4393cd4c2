// China's administrative divisions (province / city / district) from @vant/area-data.
import { areaList } from '@vant/area-data';

type Division = { code: string; name: string };
const toList = (record: Record<string, string>): Division[] =>
	Object.entries(record).map(([code, name]) => ({ code, name }));

const provinces = toList(areaList.province_list);
const cities = toList(areaList.city_list);
const districts = toList(areaList.county_list);

export function listProvinces(): Division[] {
	return provinces;
}
export function listCities(provinceName: string): Division[] {
	const p = provinces.find((d) => d.name === provinceName);
	return p ? cities.filter((c) => c.code.startsWith(p.code.slice(0, 2))) : [];
}
export function listDistricts(provinceName: string, cityName: string): Division[] {
	const c = listCities(provinceName).find((d) => d.name === cityName);
	return c ? districts.filter((d) => d.code.startsWith(c.code.slice(0, 4))) : [];
}
/** True when the three names form one path in the official division tree. */
export function isValidDivision(province: string, city: string, district: string): boolean {
	return listDistricts(province, city).some((d) => d.name === district);
}
