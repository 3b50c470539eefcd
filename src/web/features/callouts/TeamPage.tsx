import { ThunderboltOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Form, Input, Popconfirm, Radio, Select, Space, Table, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import type { Person } from '../../../shared/residents';
import type { CalloutHistory, TeamDetail, TeamMember } from '../../../shared/callouts';
import { DetailStatus } from '../../app/components/DetailStatus';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { CalloutFormModal } from './CalloutFormModal';
import { calloutsApi, SKILL_LIST } from './calloutsApi';

interface AddValues {
  personId?: string;
  idNumber?: string;
  name?: string;
  phone?: string;
  role: TeamMember['role'];
  skills: TeamMember['skills'];
}

/** One team: its base, leader and skills; its members (picked from the registry or by ID number), their roles and skills. */
export default function TeamPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const detail = useDetail<TeamDetail>(id, calloutsApi.team);
  const [form] = Form.useForm<AddValues>();
  const [by, setBy] = useState<'pick' | 'idNumber'>('pick');
  const [busy, setBusy] = useState(false);
  const [ordering, setOrdering] = useState(false);
  const [history, setHistory] = useState<{ team: CalloutHistory; members: Record<string, CalloutHistory> } | null>(
    null,
  );
  const version = detail.data;
  useEffect(() => {
    if (!version) return;
    Promise.all([calloutsApi.teamHistory(id), calloutsApi.memberHistories(id)]).then(
      ([team, members]) => setHistory({ team, members }),
      () => setHistory(null),
    );
  }, [id, version]);
  const back = <Link to="/callouts">{t('callouts.back')}</Link>;
  if (!detail.data) return <DetailStatus detail={detail} back={back} />;
  const { team, members } = detail.data;

  const act = async (action: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await action();
      if (done) feedback.success(done);
      detail.reload();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };
  const add = async () => {
    const v = await validated(form);
    if (!v) return;
    setBusy(true);
    try {
      await calloutsApi.addMember(id, {
        person:
          by === 'pick'
            ? { personId: v.personId! }
            : { idNumber: v.idNumber!.trim(), name: v.name!.trim(), phone: v.phone?.trim() || null },
        role: v.role,
        skills: v.skills,
      });
      feedback.success(t('callouts.added'));
      form.resetFields();
      detail.reload();
    } catch (err) {
      feedback.formError(form, err, {
        PERSON_NOT_FOUND: 'personId',
        ID_NUMBER_INVALID: 'idNumber',
        ID_NUMBER_NAME_MISMATCH: 'name',
      });
    } finally {
      setBusy(false);
    }
  };
  const required = [{ required: true, message: t('callouts.required') }];
  const percent = (x: number | null) => (x === null ? t('callouts.none') : `${Math.round(x * 100)}%`);
  const duration = (s: number | null) =>
    s === null ? t('callouts.none') : t('callouts.minutes', { m: Math.floor(s / 60), s: Math.round(s % 60) });

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={team.name}
        extra={
          <Space wrap>
            <Button
              type="primary"
              danger
              icon={<ThunderboltOutlined />}
              onClick={() => setOrdering(true)}
              data-testid="team-callout"
            >
              {t('callouts.newCallout')}
            </Button>
            <Popconfirm
              title={t('callouts.disbandConfirm')}
              onConfirm={() =>
                void calloutsApi.disband(id).then(() => {
                  feedback.success(t('callouts.disbanded'));
                  navigate('/callouts');
                }, feedback.error)
              }
            >
              <Button danger>{t('callouts.disband')}</Button>
            </Popconfirm>
            {back}
          </Space>
        }
      >
        <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}>
          <Descriptions.Item label={t('callouts.kind')}>{t(`callouts.kind.${team.kind}`)}</Descriptions.Item>
          <Descriptions.Item label={t('callouts.base')}>{team.regionName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('callouts.leader')}>{team.leaderName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('callouts.skills')}>
            {team.skills.map((s) => (
              <Tag key={s}>{t(`callouts.skill.${s}`)}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('callouts.note')}>{team.note ?? '—'}</Descriptions.Item>
        </Descriptions>
        {history && (
          <Descriptions size="small" title={t('callouts.history')} column={{ xs: 1, sm: 2, md: 4 }}>
            <Descriptions.Item label={t('callouts.historyCallouts')}>
              <span data-testid="team-history-callouts">{history.team.callouts}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('callouts.responseRate')}>
              {percent(history.team.responseRate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('callouts.medianAck')}>
              {duration(history.team.medianAckSeconds)}
            </Descriptions.Item>
            <Descriptions.Item label={t('callouts.medianArrive')}>
              {duration(history.team.medianArriveSeconds)}
            </Descriptions.Item>
          </Descriptions>
        )}
      </Card>
      <Card title={`${t('callouts.memberList')}（${members.length}）`}>
        <Table<TeamMember>
          rowKey="id"
          size="small"
          pagination={false}
          scroll={{ x: true }}
          dataSource={members}
          columns={[
            { title: t('callouts.name'), dataIndex: 'name' },
            {
              title: t('callouts.role'),
              render: (_, m) => (
                <Tag color={m.role === 'leader' ? 'red' : undefined}>{t(`callouts.role.${m.role}`)}</Tag>
              ),
            },
            {
              title: t('callouts.skills'),
              render: (_, m) => m.skills.map((s) => <Tag key={s}>{t(`callouts.skill.${s}`)}</Tag>),
            },
            { title: t('callouts.idNumber'), render: (_, m) => m.idNumber ?? '—' },
            {
              title: t('callouts.phone'),
              render: (_, m) => (
                <MaskedReveal
                  masked={m.phone}
                  reveal={() => calloutsApi.revealPhone(id, m.id)}
                  testId={`member-phone-${m.id}`}
                />
              ),
            },
            { title: t('callouts.joinedAt'), render: (_, m) => formatTime(m.joinedAt, locale) },
            {
              title: t('callouts.history'),
              render: (_, m) => {
                const h = history?.members[m.personId];
                return h?.callouts
                  ? t('callouts.memberHistory', {
                      n: h.callouts,
                      rate: percent(h.responseRate),
                      arrive: duration(h.medianArriveSeconds),
                    })
                  : t('callouts.none');
              },
            },
            {
              title: t('common.actions'),
              render: (_, m) => (
                <Space>
                  {m.role !== 'leader' && (
                    <Button
                      size="small"
                      disabled={busy}
                      onClick={() => void act(() => calloutsApi.changeMember(id, m.id, { role: 'leader' }))}
                    >
                      {t('callouts.makeLeader')}
                    </Button>
                  )}
                  <Popconfirm
                    title={t('callouts.removeConfirm')}
                    onConfirm={() => void act(() => calloutsApi.removeMember(id, m.id), t('callouts.removed'))}
                  >
                    <Button size="small" danger disabled={busy}>
                      {t('callouts.remove')}
                    </Button>
                  </Popconfirm>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('callouts.addMember')}>
        <Radio.Group value={by} onChange={(e) => setBy(e.target.value)} style={{ marginBottom: 12 }}>
          <Radio.Button value="pick">{t('callouts.addBy.pick')}</Radio.Button>
          <Radio.Button value="idNumber">{t('callouts.addBy.idNumber')}</Radio.Button>
        </Radio.Group>
        <Form form={form} layout="vertical" initialValues={{ role: 'member', skills: [] }}>
          {by === 'pick' ? (
            <Form.Item name="personId" label={t('callouts.person')} rules={required}>
              <RemoteSelect<Person>
                path="/persons"
                toOption={(p) => ({
                  value: p.id,
                  label: `${p.name}（${p.idNumber ?? p.phone ?? p.regionName ?? ''}）`,
                })}
                emptyText={t('callouts.noPersons')}
                placeholder={t('callouts.personPlaceholder')}
                popupMatchSelectWidth={false}
                data-testid="member-person"
              />
            </Form.Item>
          ) : (
            <Space wrap align="start">
              <Form.Item name="idNumber" label={t('callouts.idNumber')} rules={required}>
                <Input maxLength={18} data-testid="member-id-number" />
              </Form.Item>
              <Form.Item name="name" label={t('callouts.name')} rules={required}>
                <Input maxLength={50} data-testid="member-name" />
              </Form.Item>
              <Form.Item name="phone" label={t('callouts.phone')}>
                <Input maxLength={11} inputMode="tel" data-testid="member-phone" />
              </Form.Item>
            </Space>
          )}
          <Space wrap align="start">
            <Form.Item name="role" label={t('callouts.role')}>
              <Select
                style={{ width: 120 }}
                options={(['member', 'leader'] as const).map((r) => ({ value: r, label: t(`callouts.role.${r}`) }))}
              />
            </Form.Item>
            <Form.Item name="skills" label={t('callouts.skills')}>
              <Select
                mode="multiple"
                style={{ minWidth: 240 }}
                options={SKILL_LIST.map((s) => ({ value: s, label: t(`callouts.skill.${s}`) }))}
              />
            </Form.Item>
          </Space>
          <Button type="primary" loading={busy} onClick={() => void add()} data-testid="member-add">
            {t('callouts.addMember')}
          </Button>
        </Form>
      </Card>
      {ordering && (
        <CalloutFormModal
          teamId={id}
          onClose={() => setOrdering(false)}
          onIssued={(c) => navigate(`/callouts/${c.id}`)}
        />
      )}
    </Space>
  );
}
