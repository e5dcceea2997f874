import { useApolloClient, useMutation } from '@apollo/client/react';
import { Result } from 'antd';
import { useSession } from '../../auth/session';
import { graphql } from '../../gql';
import { ImportPanel } from './ImportPanel';
import type { TemplateColumn } from './sheet';

const IMPORT = graphql(`
  mutation ImportVolunteers($stationId: ID!, $contentBase64: String!) {
    importVolunteers(stationId: $stationId, contentBase64: $contentBase64) {
      count
      volunteers {
        id
        name
      }
    }
  }
`);

const COLUMNS: TemplateColumn[] = [
  { header: '姓名', required: true },
  {
    header: '公民身份号码',
    required: true,
    text: true,
    width: 24,
    note: '18 位，出生日期和性别从号码中读取',
  },
  { header: '手机号码', required: true, text: true },
  {
    header: '政治面貌',
    required: true,
    list: ['中共党员', '共青团员', '群众'],
  },
  { header: '特长', width: 24, note: '多项用顿号「、」分隔，如 急救、维修' },
  {
    header: '本站角色',
    list: ['志愿者', '专职管理员', '负责人'],
    note: '不填为志愿者',
  },
];

const FIELDS: Record<string, string> = {
  name: '姓名',
  idNumber: '公民身份号码',
  phone: '手机号码',
  politicalStatus: '政治面貌',
  skills: '特长',
  role: '本站角色',
  birthDate: '公民身份号码',
  gender: '公民身份号码',
};

/** Station managers: register the station's volunteers from the XLSX template. */
export default function VolunteerImport() {
  const stationId = useSession()?.user.stationId;
  const [importVolunteers] = useMutation(IMPORT);
  const client = useApolloClient();
  if (!stationId) return <Result status="warning" title="当前账号未关联站点" />;
  return (
    <ImportPanel
      title="批量导入志愿者"
      templateName="志愿者导入模板.xlsx"
      sheetName="志愿者"
      columns={COLUMNS}
      fieldLabels={FIELDS}
      noun="志愿者"
      run={async (contentBase64) => {
        const { data } = await importVolunteers({
          variables: { stationId, contentBase64 },
        });
        await client.refetchQueries({ include: 'active' });
        return data?.importVolunteers.count ?? 0;
      }}
    />
  );
}
