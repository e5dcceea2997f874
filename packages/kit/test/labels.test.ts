/**
 * One Chinese label map for every enum value that reaches people (issue 11, point 12c).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, Kind, type EnumTypeDefinitionNode } from 'graphql';
import { labelStationStatusesIn, zhLabel, ZH_LABELS, type LabelKind } from '../src';

const supergraph = parse(readFileSync(join(__dirname, '../../../services/gateway/supergraph.graphql'), 'utf8'));
const enumValues = (name: string) =>
  (
    supergraph.definitions.find(
      (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === name,
    ) as EnumTypeDefinitionNode
  ).values!.map((v) => v.name.value);

describe('ZH_LABELS', () => {
  it.each<[LabelKind, string]>([
    ['stationStatus', 'StationStatus'],
    ['volunteerStatus', 'VolunteerStatus'],
    ['titleLevel', 'TitleLevel'],
    ['regionLevel', 'RegionLevel'],
    ['reviewOutcome', 'ReviewOutcome'],
    ['announcementCategory', 'AnnouncementCategory'],
    ['weekday', 'Weekday'],
    ['serviceRecordStatus', 'ServiceRecordStatus'],
    ['serviceQuality', 'ServiceQuality'],
    ['memberRole', 'MembershipRole'],
    ['pairingKind', 'PairingKind'],
  ])('%s labels every value of the schema enum %s in Chinese', (kind, enumName) => {
    for (const value of enumValues(enumName))
      expect([value, zhLabel(kind, value)]).toEqual([value, expect.stringMatching(/^[\u4e00-\u9fff（）]+$/)]);
    expect(Object.keys(ZH_LABELS[kind])).toEqual(expect.arrayContaining(enumValues(enumName)));
  });

  it('never answers a raw name', () => {
    expect(zhLabel('stationStatus', 'SUSPENDED')).toBe('暂停服务');
    expect(zhLabel('stationStatus', 'NEW_STATUS')).toBe('未知');
    expect(zhLabel('stationStatus', 'toString')).toBe('未知');
    expect(zhLabel('titleLevel', null)).toBe('未知');
  });

  it('replaces station statuses in text written before the labels', () => {
    expect(labelStationStatusesIn('站点状态为 SUSPENDED')).toBe('站点状态为暂停服务');
    expect(labelStationStatusesIn('站点状态为CLOSED；2 项指标未达标')).toBe('站点状态为已关闭；2 项指标未达标');
  });
});
