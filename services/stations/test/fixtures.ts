import { typedQuery } from '@leifeng/kit/testing';

/** A valid station input in 长沙市芙蓉区 (430102); tests override what they exercise. */
export function stationInput(overrides: Record<string, unknown> = {}) {
  return {
    name: '芙蓉区文艺路街道学雷锋志愿服务站',
    category: 'COMMUNITY',
    hostUnit: '文艺路街道办事处',
    regionCode: '430102',
    address: '长沙市芙蓉区文艺路 88 号',
    postalCode: '410011',
    location: { longitude: 112.99, latitude: 28.19 },
    leader: { name: '张雷', phone: '13812341234' },
    hotline: '0731-84561234',
    openingHours: [
      { weekday: 'MONDAY', opens: '08:30', closes: '12:00' },
      { weekday: 'MONDAY', opens: '14:00', closes: '17:30' },
      { weekday: 'SATURDAY', opens: '09:00', closes: '17:00' },
    ],
    serviceItems: [{ name: '便民维修', description: '小家电维修、缝补' }],
    facilities: ['DRINKING_WATER', 'UMBRELLA', 'FIRST_AID'],
    unitHeadcount: 40,
    establishedOn: '2012-03-05',
    evidence: [
      {
        kind: 'LOGO',
        fileName: 'logo.png',
        url: 'https://files.example.cn/logo.png',
        contentType: 'image/png',
        sizeBytes: 2048,
      },
    ],
    ...overrides,
  };
}

export const CREATE = typedQuery<{
  createStation: {
    id: string;
    name: string;
    status: string;
    regionCode: string;
    region: { code: string; name: string };
    leader: { name: string; phone: string };
  };
}>(`mutation Create($input: CreateStationInput!) {
  createStation(input: $input) { id name status regionCode region { code name } leader { name phone } }
}`);
