/** One activity in a list: time, place, places left, and sign up / cancel within the rules. */
import { useMutation } from '@apollo/client/react';
import { App, Button, Tag } from 'antd';
import { errorText } from '../errors';
import { ACTIVITY_CATEGORY, fmtDateTime, label } from '../format';
import type { VolunteerActivityFragment } from '../gql/graphql';
import { CANCEL_SIGN_UP, SIGN_UP } from './queries';

export function ActivityCard({
  activity: a,
  volunteerId,
  extra,
}: {
  activity: VolunteerActivityFragment;
  volunteerId?: string;
  extra?: string;
}) {
  const { message } = App.useApp();
  const [signUp, signing] = useMutation(SIGN_UP);
  const [cancel, cancelling] = useMutation(CANCEL_SIGN_UP);
  const full = a.capacity !== null && a.capacity !== undefined && a.signUpCount >= a.capacity;
  const mine = a.myAttendance;
  const run = async (what: 'up' | 'cancel') => {
    if (!volunteerId) return;
    try {
      const variables = { activityId: a.id, volunteerId };
      if (what === 'up') await signUp({ variables });
      else await cancel({ variables });
      void message.success(what === 'up' ? '报名成功' : '已取消报名');
    } catch (e) {
      void message.error(errorText(e));
    }
  };
  return (
    <div className="vol-list-item" data-testid={`activity-${a.id}`}>
      <div className="vol-row">
        <b>{a.title}</b>
        <Tag>{label(ACTIVITY_CATEGORY, a.category)}</Tag>
      </div>
      <span>
        {fmtDateTime(a.startsAt)} 至 {fmtDateTime(a.endsAt).slice(11)}
      </span>
      <span>
        {a.place}
        {extra ? ` · ${extra}` : ''}
      </span>
      <div className="vol-row">
        <span>
          已报名 {a.signUpCount}
          {a.capacity ? ` / ${a.capacity}` : ''} 人
        </span>
        {a.status === 'CANCELLED' ? (
          <Tag>已取消</Tag>
        ) : mine?.checkedInAt ? (
          <Tag color="green">{mine.checkedOutAt ? '已签退' : '已签到'}</Tag>
        ) : mine ? (
          <Button onClick={() => void run('cancel')} loading={cancelling.loading} disabled={!volunteerId}>
            取消报名
          </Button>
        ) : (
          <Button
            type="primary"
            onClick={() => void run('up')}
            loading={signing.loading}
            disabled={!volunteerId || full}
          >
            {full ? '名额已满' : '报名'}
          </Button>
        )}
      </div>
    </div>
  );
}
