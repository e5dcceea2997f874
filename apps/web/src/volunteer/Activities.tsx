/**
 * 活动: upcoming activities at my stations, and at stations near me — sorted by distance from the browser's
 * position when the volunteer allows it, otherwise from my station — in a region picked here. "Upcoming" is
 * decided by the graph (Station.upcomingActivities, by the platform clock), never by the phone's clock.
 */
import { useMemo, useState } from 'react';
import { useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Empty, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { ErrorAlert } from '../errors';
import { graphql } from '../gql';
import type { VolunteerActivityFragment } from '../gql/graphql';
import { ActivityCard } from './ActivityCard';
import { currentPosition, distanceKm, fmtDistance, type Point } from './geo';
import { RegionPicker } from './RegionPicker';

const MINE = graphql(`
  query VolunteerStationActivities {
    myVolunteer {
      id
      stations {
        id
        station {
          id
          name
          regionCode
          location {
            longitude
            latitude
          }
          upcomingActivities {
            ...VolunteerActivity
          }
        }
      }
    }
  }
`);

const NEARBY = graphql(`
  query VolunteerNearbyActivities($region: ID!) {
    stations(filter: { regionCode: $region, statuses: [ACTIVE] }, first: 200) {
      totalCount
      edges {
        node {
          id
          name
          address
          location {
            longitude
            latitude
          }
          upcomingActivities {
            ...VolunteerActivity
          }
        }
      }
    }
  }
`);

interface Row {
  activity: VolunteerActivityFragment;
  station: string;
  km: number | null;
}

/** Nearest first when distances are known, then soonest first (the graph already left out ended and cancelled ones). */
function ordered(rows: Row[]): Row[] {
  return [...rows].sort(
    (a, b) => (a.km ?? 0) - (b.km ?? 0) || dayjs(a.activity.startsAt).valueOf() - dayjs(b.activity.startsAt).valueOf(),
  );
}

export default function VolunteerActivities() {
  const mine = useQuery(MINE);
  const me = mine.data?.myVolunteer;
  const home = me?.stations[0]?.station;
  const [region, setRegion] = useState<string | undefined>();
  const [position, setPosition] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  const [denied, setDenied] = useState(false);
  const pickedRegion = region ?? home?.regionCode;
  const nearby = useQuery(NEARBY, {
    variables: { region: pickedRegion ?? '' },
    skip: !pickedRegion,
  });
  const origin = position ?? home?.location ?? null;

  const mineRows = useMemo(
    () =>
      ordered(
        (me?.stations ?? []).flatMap((m) =>
          m.station.upcomingActivities.map((a) => ({
            activity: a,
            station: m.station.name,
            km: null,
          })),
        ),
      ),
    [me],
  );
  const nearRows = useMemo(() => {
    const mineIds = new Set(mineRows.map((r) => r.activity.id));
    const rows = (nearby.data?.stations.edges ?? []).flatMap(({ node }) =>
      node.upcomingActivities
        .filter((a) => !mineIds.has(a.id))
        .map((a) => ({
          activity: a,
          station: node.name,
          km: origin && node.location ? distanceKm(origin, node.location) : null,
        })),
    );
    return ordered(rows);
  }, [nearby.data, mineRows, origin]);

  const locate = async () => {
    setLocating(true);
    const p = await currentPosition();
    setLocating(false);
    setDenied(!p);
    if (p) setPosition(p);
  };

  if (mine.loading && !mine.data) return <Skeleton active />;
  return (
    <>
      <ErrorAlert error={mine.error ?? nearby.error} />
      <Card title="我的站点近期活动" data-testid="my-station-activities">
        {mineRows.length === 0 ? (
          <Empty description="近期没有活动" />
        ) : (
          mineRows.map((r) => (
            <ActivityCard key={r.activity.id} activity={r.activity} volunteerId={me?.id} extra={r.station} />
          ))
        )}
      </Card>
      <Card title="附近的活动" data-testid="nearby-activities">
        <Button block onClick={() => void locate()} loading={locating} style={{ marginBottom: 8 }}>
          {position ? '已按我的位置排序' : '使用我的位置'}
        </Button>
        {denied && (
          <Alert
            type="info"
            showIcon
            title="未获得定位权限，请选择地区（按我的站点位置排序）"
            style={{ marginBottom: 8 }}
          />
        )}
        <RegionPicker value={pickedRegion} onChange={setRegion} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {origin ? (position ? '按与我的距离排序' : '按与我的站点的距离排序') : '按开始时间排序'}
        </Typography.Paragraph>
        {!pickedRegion ? (
          <Empty description="请选择地区" />
        ) : nearby.loading && !nearby.data ? (
          <Skeleton active />
        ) : nearRows.length === 0 ? (
          <Empty description="该地区近期没有其他活动" />
        ) : (
          nearRows.map((r) => (
            <ActivityCard
              key={r.activity.id}
              activity={r.activity}
              volunteerId={me?.id}
              extra={`${r.station}${r.km !== null ? ` · ${fmtDistance(r.km)}` : ''}`}
            />
          ))
        )}
      </Card>
    </>
  );
}
