import { Button, Card, Descriptions, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Volunteer, VolunteerGroupDetail, VolunteerGroupMember } from '../../../shared/volunteers';
import { GROUP_MAX } from '../../../shared/volunteers';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { StatusTag } from './VolunteersPage';
import { volunteersApi } from './volunteersApi';

/** One group: its members (leader first), add volunteers not yet in a group, remove, change the leader, activate, disband. */
export default function GroupPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const detail = useDetail<VolunteerGroupDetail>(id, volunteersApi.group);
  const [picked, setPicked] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const back = <Link to="/volunteers/groups">{t('groups.back')}</Link>;
  const g = detail.data;
  if (!g) return <DetailStatus detail={detail} back={back} />;
  const manage = can.manageVolunteers(me.role);
  const act = async (action: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await action();
      feedback.success(done);
      detail.reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      title={
        <Space>
          {g.name}
          <Tag color={g.status === 'active' ? 'green' : 'orange'}>{t(`groups.status.${g.status}`)}</Tag>
        </Space>
      }
      extra={
        <Space wrap>
          {back}
          {manage && g.status === 'forming' && (
            <Button
              type="primary"
              loading={busy}
              onClick={() => act(() => volunteersApi.activate(id), t('groups.activated'))}
              data-testid="group-activate"
            >
              {t('groups.activate')}
            </Button>
          )}
          {manage && (
            <Popconfirm
              title={t('groups.disbandConfirm')}
              onConfirm={async () => {
                try {
                  await volunteersApi.disband(id);
                  feedback.success(t('groups.disbanded'));
                  navigate('/volunteers/groups');
                } catch (err) {
                  feedback.error(err);
                }
              }}
            >
              <Button danger data-testid="group-disband">
                {t('groups.disband')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }}>
        <Descriptions.Item label={t('groups.region')}>{g.regionName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('groups.leader')}>{g.leaderName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('groups.size')}>{g.size}</Descriptions.Item>
      </Descriptions>
      <Typography.Paragraph type="secondary">{t('groups.rule')}</Typography.Paragraph>
      <Table<VolunteerGroupMember>
        rowKey="volunteerId"
        size="small"
        pagination={false}
        dataSource={g.members}
        columns={[
          {
            title: t('volunteers.name'),
            render: (_, m) => (
              <Space>
                <Link to={`/volunteers/${m.volunteerId}`}>{m.name}</Link>
                {m.leader && <Tag color="blue">{t('groups.leader')}</Tag>}
              </Space>
            ),
          },
          { title: t('volunteers.phone'), dataIndex: 'phone' },
          {
            title: t('volunteers.skills'),
            render: (_, m) => m.skills.map((s) => <Tag key={s}>{t(`callouts.skill.${s}`)}</Tag>),
          },
          { title: t('volunteers.status'), render: (_, m) => <StatusTag status={m.status} /> },
          {
            title: '',
            render: (_, m) =>
              manage && !m.leader ? (
                <Space>
                  <Button
                    size="small"
                    onClick={() =>
                      act(() => volunteersApi.patchGroup(id, { leaderId: m.volunteerId }), t('groups.leaderSet'))
                    }
                    data-testid={`group-leader-${m.volunteerId}`}
                  >
                    {t('groups.makeLeader')}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => act(() => volunteersApi.removeMember(id, m.volunteerId), t('groups.removed'))}
                  >
                    {t('groups.remove')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      {manage && g.members.length < GROUP_MAX && (
        <Space style={{ marginTop: 16 }} wrap>
          <RemoteSelect<Volunteer, string[]>
            mode="multiple"
            path="/volunteers"
            query={{ ungrouped: 'true' }}
            style={{ minWidth: 320 }}
            placeholder={t('groups.pickVolunteers')}
            value={picked}
            onChange={(v) => setPicked(v)}
            toOption={(v) =>
              v.status === 'left'
                ? null
                : { value: v.id, label: `${v.name} · ${v.regionName ?? ''} · ${v.phone ?? ''}` }
            }
            data-testid="group-pick"
          />
          <Button
            type="primary"
            disabled={!picked.length}
            loading={busy}
            onClick={() =>
              act(async () => {
                await volunteersApi.addMembers(id, picked);
                setPicked([]);
              }, t('groups.added'))
            }
            data-testid="group-add"
          >
            {t('groups.add')}
          </Button>
        </Space>
      )}
    </Card>
  );
}
