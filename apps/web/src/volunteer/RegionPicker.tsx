/** Province → city → county, one Select each (a cascader's popup is wider than a phone). */
import { useQuery } from '@apollo/client/react';
import { Select, Space } from 'antd';
import { graphql } from '../gql';

const REGIONS = graphql(`
  query VolunteerRegions($parent: ID) {
    regions(parentCode: $parent) {
      code
      name
    }
  }
`);

function Level({
  parent,
  value,
  onChange,
  placeholder,
  skip,
}: {
  parent?: string;
  value?: string;
  onChange: (v: string) => void;
  placeholder: string;
  skip?: boolean;
}) {
  const { data, loading } = useQuery(REGIONS, { variables: { parent }, skip });
  return (
    <Select
      aria-label={placeholder}
      style={{ width: '100%' }}
      size="large"
      placeholder={placeholder}
      loading={loading}
      value={value}
      onChange={onChange}
      options={(data?.regions ?? []).map((r) => ({
        value: r.code,
        label: r.name,
      }))}
    />
  );
}

/** `value` is a 6-digit code at any level; its province and city prefixes fill the upper selects. */
export function RegionPicker({ value, onChange }: { value?: string; onChange: (code: string) => void }) {
  const province = value ? `${value.slice(0, 2)}0000` : undefined;
  const city = value && !value.endsWith('0000') ? `${value.slice(0, 4)}00` : undefined;
  const county = value && !value.endsWith('00') ? value : undefined;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Level placeholder="省" value={province} onChange={onChange} />
      <Level placeholder="市" parent={province} skip={!province} value={city} onChange={onChange} />
      <Level placeholder="县（区）" parent={city} skip={!city} value={county} onChange={onChange} />
    </Space>
  );
}
