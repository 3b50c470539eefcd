import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Popconfirm, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { Volunteer, VolunteerAction } from '../../../shared/volunteers';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { SelfLinkModal } from './SelfLinkModal';
import { VolunteerFormModal } from './VolunteerFormModal';
import { availabilityText, StatusTag } from './VolunteersPage';
import { volunteersApi } from './volunteersApi';

const ACTIONS: Record<Volunteer['status'], VolunteerAction[]> = {
  pending: ['approve', 'leave'],
  active: ['suspend', 'leave'],
  suspended: ['resume', 'leave'],
  left: [],
};

/** One volunteer: who they are (ID number and mobile masked, revealed with audit), where, skills, times, health declaration; approve, suspend, resume, record leaving, edit. */
export default function VolunteerPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const detail = useDetail<Volunteer>(id, volunteersApi.get);
  const [editing, setEditing] = useState(false);
  const [selfLink, setSelfLink] = useState(false);
  const [busy, setBusy] = useState(false);
  const back = <Link to="/volunteers">{t('volunteers.back')}</Link>;
  const v = detail.data;
  if (!v) return <DetailStatus detail={detail} back={back} />;
  const manage = can.manageVolunteers(me.role);
  const act = async (action: VolunteerAction) => {
    setBusy(true);
    try {
      detail.setData(await volunteersApi.act(id, action));
      feedback.success(t(action === 'approve' ? 'volunteers.approved' : 'volunteers.done'));
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  const h = v.healthDeclaration;
  const yes = (b: boolean | undefined) => (b ? <Tag color="red">{t('volunteers.yes')}</Tag> : t('volunteers.no'));

  return (
    <Card
      title={
        <Space>
          {v.name}
          <StatusTag status={v.status} />
        </Space>
      }
      extra={
        <Space wrap>
          {back}
          {manage &&
            ACTIONS[v.status].map((action) =>
              action === 'leave' ? (
                <Popconfirm key={action} title={t('volunteers.leaveConfirm')} onConfirm={() => act(action)}>
                  <Button danger loading={busy} data-testid="volunteer-leave">
                    {t('volunteers.leave')}
                  </Button>
                </Popconfirm>
              ) : (
                <Button
                  key={action}
                  type={action === 'approve' ? 'primary' : 'default'}
                  loading={busy}
                  onClick={() => act(action)}
                  data-testid={`volunteer-${action}`}
                >
                  {t(`volunteers.${action}`)}
                </Button>
              ),
            )}
          {manage && (v.status === 'active' || v.status === 'pending') && (
            <Button onClick={() => setSelfLink(true)} data-testid="volunteer-self-link">
              {t('volunteers.selfLink')}
            </Button>
          )}
          {manage && v.status !== 'left' && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="volunteer-edit">
              {t('volunteers.edit')}
            </Button>
          )}
        </Space>
      }
    >
      <Descriptions column={{ xs: 1, md: 2 }} bordered size="small">
        <Descriptions.Item label={t('volunteers.idNumber')}>
          <MaskedReveal
            masked={v.idNumber}
            reveal={() => volunteersApi.reveal(id, 'idNumber')}
            label={t('volunteers.revealId')}
            testId="volunteer-id"
          />
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteers.phone')}>
          <MaskedReveal masked={v.phone} reveal={() => volunteersApi.reveal(id, 'phone')} testId="volunteer-phone" />
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteers.region')}>{v.regionName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('volunteers.group')}>
          {v.groupId ? <Link to={`/volunteers/groups/${v.groupId}`}>{v.groupName}</Link> : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteers.skills')}>
          {v.skills.map((s) => (
            <Tag key={s}>{t(`callouts.skill.${s}`)}</Tag>
          ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteers.availability')}>{availabilityText(v, t) || '—'}</Descriptions.Item>
        <Descriptions.Item label={t('volunteers.source')}>{t(`volunteers.source.${v.source}`)}</Descriptions.Item>
        <Descriptions.Item label={t('volunteers.signedUpAt')}>{formatTime(v.createdAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('volunteers.approvedAt')}>{formatTime(v.approvedAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('volunteers.note')}>{v.note ?? '—'}</Descriptions.Item>
      </Descriptions>
      <Descriptions
        title={
          <Space>
            {t('volunteers.health')}
            {v.healthNeedsReview ? (
              <Tag color="red" data-testid="volunteer-health-flag">
                {t('volunteers.healthReview')}
              </Tag>
            ) : (
              <Tag>{t('volunteers.healthOk')}</Tag>
            )}
          </Space>
        }
        column={1}
        size="small"
        style={{ marginTop: 24 }}
      >
        <Descriptions.Item label={t('volunteers.q.fever')}>{yes(h?.feverOrCough14Days)}</Descriptions.Item>
        <Descriptions.Item label={t('volunteers.q.contact')}>{yes(h?.caseContact)}</Descriptions.Item>
        <Descriptions.Item label={t('volunteers.q.travel')}>
          {yes(h?.riskAreaTravel)}
          {h?.riskAreaTravel ? ` ${h.riskArea ?? ''} ${h.riskAreaReturnedOn ?? ''}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('volunteers.declaredAt')}>
          {formatTime(v.healthDeclaredAt, locale)}
        </Descriptions.Item>
      </Descriptions>
      {selfLink && <SelfLinkModal volunteerId={v.id} name={v.name} onClose={() => setSelfLink(false)} />}
      {editing && (
        <VolunteerFormModal
          volunteer={v}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            setEditing(false);
            detail.setData(saved);
          }}
        />
      )}
    </Card>
  );
}
