import { PlusOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Callout, Team } from '../../../shared/callouts';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { CalloutFormModal } from './CalloutFormModal';
import { TeamFormModal } from './TeamFormModal';

/** 突击队与集结令: the jurisdiction's teams and its call-outs, latest first; set up a team or issue a call-out. */
export default function CalloutsPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const [modal, setModal] = useState<'team' | 'callout' | null>(null);
  const teams = usePaged<Team>('/callouts/teams', {}, feedback.error);
  const callouts = usePaged<Callout>('/callouts', {}, feedback.error);

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('callouts.callouts')}
        extra={
          <Button
            type="primary"
            danger
            icon={<ThunderboltOutlined />}
            onClick={() => setModal('callout')}
            data-testid="callout-new"
          >
            {t('callouts.newCallout')}
          </Button>
        }
      >
        <PagedTable<Callout>
          list={callouts}
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          locale={{ emptyText: t('callouts.noCallouts') }}
          columns={[
            {
              title: t('callouts.meetingPoint'),
              render: (_, c) => (
                <Link to={`/callouts/${c.id}`} data-testid={`callout-link-${c.id}`}>
                  {c.meetingPoint}
                </Link>
              ),
            },
            { title: t('callouts.team'), render: (_, c) => c.teamName ?? '—' },
            { title: t('callouts.orderedAt'), render: (_, c) => formatTime(c.orderedAt, locale) },
            { title: t('callouts.deadline'), render: (_, c) => formatTime(c.deadlineAt, locale) },
            { title: t('callouts.ordered'), dataIndex: 'orders' },
            {
              title: t('callouts.status'),
              render: (_, c) => (
                <Tag color={c.status === 'active' ? 'red' : 'default'}>{t(`callouts.status.${c.status}`)}</Tag>
              ),
            },
          ]}
        />
      </Card>
      <Card
        title={t('callouts.teams')}
        extra={
          <Button icon={<PlusOutlined />} onClick={() => setModal('team')} data-testid="team-new">
            {t('callouts.newTeam')}
          </Button>
        }
      >
        <PagedTable<Team>
          list={teams}
          rowKey="id"
          size="small"
          scroll={{ x: true }}
          locale={{ emptyText: t('callouts.noTeams') }}
          columns={[
            {
              title: t('callouts.teamName'),
              render: (_, team) => (
                <Link to={`/callouts/teams/${team.id}`} data-testid={`team-link-${team.id}`}>
                  {team.name}
                </Link>
              ),
            },
            { title: t('callouts.kind'), render: (_, team) => t(`callouts.kind.${team.kind}`) },
            { title: t('callouts.base'), render: (_, team) => team.regionName ?? '—' },
            { title: t('callouts.leader'), render: (_, team) => team.leaderName ?? '—' },
            { title: t('callouts.members'), dataIndex: 'members' },
            {
              title: t('callouts.skills'),
              render: (_, team) => team.skills.map((s) => <Tag key={s}>{t(`callouts.skill.${s}`)}</Tag>),
            },
          ]}
        />
      </Card>
      {modal === 'team' && (
        <TeamFormModal onClose={() => setModal(null)} onSaved={(team) => navigate(`/callouts/teams/${team.id}`)} />
      )}
      {modal === 'callout' && (
        <CalloutFormModal onClose={() => setModal(null)} onIssued={(c) => navigate(`/callouts/${c.id}`)} />
      )}
    </Space>
  );
}
