import { CheckOutlined, PlusOutlined, QrcodeOutlined, TeamOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Skill, Volunteer, VolunteerStatus } from '../../../shared/volunteers';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { SKILL_LIST } from '../callouts/calloutsApi';
import { SignupLinkModal } from './SignupLinkModal';
import { VolunteerFormModal } from './VolunteerFormModal';
import { STATUSES, volunteersApi, WEEKDAYS } from './volunteersApi';

const STATUS_COLOURS: Record<VolunteerStatus, string> = {
  pending: 'orange',
  active: 'green',
  suspended: 'default',
  left: 'default',
};

export function StatusTag({ status }: { status: VolunteerStatus }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]}>{t(`volunteers.status.${status}`)}</Tag>;
}

/** A volunteer's weekly ranges as "周二 18:00–21:00". */
export function availabilityText(v: Pick<Volunteer, 'availability'>, t: ReturnType<typeof useI18n>['t']) {
  return v.availability.map((s) => `${t(`volunteers.day.${s.weekday as 1}`)} ${s.from}–${s.to}`).join('，');
}

const HOURS = Array.from({ length: 24 }, (_, h) => `${String(h).padStart(2, '0')}:00`);

/**
 * 志愿者名册: the jurisdiction's volunteers with filters (status, skill, free at a weekday and hour,
 * name or pinyin); sign-ups waiting for approval are approved in the row; a cadre registers someone
 * or prints a village's sign-up QR code.
 */
export default function VolunteersPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const manage = can.manageVolunteers(me.role);
  const [status, setStatus] = useState<VolunteerStatus | undefined>();
  const [skill, setSkill] = useState<Skill | undefined>();
  const [weekday, setWeekday] = useState<number | undefined>();
  const [time, setTime] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [modal, setModal] = useState<'new' | 'link' | null>(null);
  const [refresh, setRefresh] = useState(0);
  const list = usePaged<Volunteer>(
    '/volunteers',
    { status, skill, weekday, time: weekday ? time : undefined, q: q || undefined },
    feedback.error,
    refresh,
  );
  const approve = async (v: Volunteer) => {
    try {
      await volunteersApi.act(v.id, 'approve');
      feedback.success(t('volunteers.approved'));
      setRefresh((n) => n + 1);
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Card
      title={t('volunteers.registry')}
      extra={
        <Space wrap>
          <Link to="/volunteers/groups">
            <Button icon={<TeamOutlined />} data-testid="volunteer-groups">
              {t('volunteers.groups')}
            </Button>
          </Link>
          {manage && (
            <Button icon={<QrcodeOutlined />} onClick={() => setModal('link')} data-testid="volunteer-link">
              {t('volunteers.signupLink')}
            </Button>
          )}
          {manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setModal('new')} data-testid="volunteer-new">
              {t('volunteers.new')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('volunteers.anyStatus')}
          style={{ width: 130 }}
          value={status}
          onChange={setStatus}
          data-testid="volunteer-filter-status"
          options={STATUSES.map((s) => ({ value: s, label: t(`volunteers.status.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('volunteers.anySkill')}
          style={{ width: 130 }}
          value={skill}
          onChange={setSkill}
          options={SKILL_LIST.map((s) => ({ value: s, label: t(`callouts.skill.${s}`) }))}
        />
        <Select
          allowClear
          placeholder={t('volunteers.anyDay')}
          style={{ width: 110 }}
          value={weekday}
          onChange={setWeekday}
          options={WEEKDAYS.map((d) => ({ value: d, label: t(`volunteers.day.${d}`) }))}
        />
        <Select
          allowClear
          disabled={!weekday}
          placeholder={t('volunteers.time')}
          style={{ width: 100 }}
          value={time}
          onChange={setTime}
          options={HOURS.map((h) => ({ value: h, label: h }))}
        />
        <Input.Search
          allowClear
          placeholder={t('volunteers.search')}
          style={{ width: 220 }}
          onSearch={(value) => setQ(value.trim())}
          data-testid="volunteer-search"
        />
      </Space>
      <PagedTable<Volunteer>
        list={list}
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        locale={{ emptyText: t('volunteers.none') }}
        columns={[
          {
            title: t('volunteers.name'),
            render: (_, v) => (
              <Link to={`/volunteers/${v.id}`} data-testid={`volunteer-link-${v.id}`}>
                {v.name}
              </Link>
            ),
          },
          { title: t('volunteers.phone'), dataIndex: 'phone' },
          { title: t('volunteers.region'), render: (_, v) => v.regionName ?? '—' },
          {
            title: t('volunteers.skills'),
            render: (_, v) => v.skills.map((s) => <Tag key={s}>{t(`callouts.skill.${s}`)}</Tag>),
          },
          { title: t('volunteers.availability'), render: (_, v) => availabilityText(v, t) || '—' },
          {
            title: t('volunteers.health'),
            render: (_, v) =>
              v.healthNeedsReview ? (
                <Tag color="red">{t('volunteers.healthReview')}</Tag>
              ) : (
                <Tag>{t('volunteers.healthOk')}</Tag>
              ),
          },
          { title: t('volunteers.group'), render: (_, v) => v.groupName ?? '—' },
          { title: t('volunteers.status'), render: (_, v) => <StatusTag status={v.status} /> },
          {
            title: '',
            render: (_, v) =>
              manage && v.status === 'pending' ? (
                <Button
                  size="small"
                  type="primary"
                  icon={<CheckOutlined />}
                  onClick={() => approve(v)}
                  data-testid={`volunteer-approve-${v.id}`}
                >
                  {t('volunteers.approve')}
                </Button>
              ) : null,
          },
        ]}
      />
      {modal === 'new' && (
        <VolunteerFormModal onClose={() => setModal(null)} onSaved={(v) => navigate(`/volunteers/${v.id}`)} />
      )}
      {modal === 'link' && <SignupLinkModal onClose={() => setModal(null)} />}
    </Card>
  );
}
