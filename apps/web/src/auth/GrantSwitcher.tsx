import { useState } from 'react';
import { App, Select } from 'antd';
import { useQuery } from '@apollo/client/react';
import { useNavigate } from 'react-router';
import { client } from '../apollo';
import { graphql } from '../gql';
import { ROLE_NAMES, switchGrant, useSession, type Role } from './session';

const MY_GRANTS = graphql(`
  query MyGrants {
    me {
      id
      hasPassword
      grants {
        id
        role
        regionCode
        region {
          code
          name
          fullName
        }
        stationId
        station {
          id
          name
        }
        agencyId
      }
    }
  }
`);

interface GrantView {
  id: string;
  role: string;
  regionCode?: string | null;
  region?: { name: string; fullName: string } | null;
  stationId?: string | null;
  station?: { name: string } | null;
  agencyId?: string | null;
}

/** The region's name, or its code while (or if) the name is unknown. */
const regionName = (g: GrantView) => g.region?.name ?? g.regionCode ?? '';

// Agencies have no name in the graph yet (no subgraph owns them): the agency id stays.
function grantLabel(g: GrantView): string {
  const role = ROLE_NAMES[g.role as Role] ?? g.role;
  if (g.stationId) return `${role} · ${g.station?.name ?? `站点 ${g.stationId.slice(0, 8)}`}`;
  if (g.agencyId) return `${role} · ${g.agencyId}（${regionName(g)}）`;
  return g.regionCode ? `${role} · ${regionName(g)}` : role;
}

/** The person's grants from identity; choosing one switches the token's grant without signing in again. */
export function useMyAccount() {
  const session = useSession();
  // Development tokens name no account: `me` is null and there is nothing to switch.
  const { data } = useQuery(MY_GRANTS, {
    skip: !session,
    fetchPolicy: 'cache-first',
  });
  return data?.me ?? null;
}

/**
 * The scope of the grant in use for the header: the region's or station's name once `MyGrants` answers
 * (the full name where `full`), until then (and for development tokens, which name no account) the code.
 */
export function useGrantScope(full: boolean): string {
  const session = useSession();
  const me = useMyAccount();
  const user = session?.user;
  if (!user) return '';
  const g = me?.grants.find((x) => x.id === user.gid);
  if (user.stationId) return g?.station?.name ?? '本站';
  if (!user.regionCode) return '';
  const region = g?.regionCode === user.regionCode ? g.region : null;
  if (!region) return `地区 ${user.regionCode}`;
  return full ? region.fullName : region.name;
}

export function GrantSwitcher({ width }: { width: number }) {
  const session = useSession();
  const me = useMyAccount();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  if (!session || !me || me.grants.length < 2) return null;

  const choose = async (grantId: string) => {
    setBusy(true);
    try {
      await switchGrant(grantId);
      // The menus and every cached answer belong to the previous grant.
      await client.resetStore();
      void navigate('/');
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Select
      size="small"
      aria-label="切换授权"
      data-testid="grant-switcher"
      style={{ width }}
      loading={busy}
      value={session.user.gid}
      placeholder="切换授权"
      options={me.grants.map((g) => ({ value: g.id, label: grantLabel(g) }))}
      onChange={(id: string) => void choose(id)}
      popupMatchSelectWidth={false}
    />
  );
}
