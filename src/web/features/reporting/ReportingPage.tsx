import { CheckOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { PartyReport } from '../../../shared/reporting';
import { useAuth } from '../../app/auth';
import { MaskedReveal } from '../../app/components/PhoneReveal';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { RegionPicker } from '../regions/RegionPicker';
import { AssignPostModal } from './AssignPostModal';
import { reportingApi } from './reportingApi';

type State = 'unassigned' | 'assigned' | 'on_post';

function stateOf(r: PartyReport): State {
  return r.onPostAt ? 'on_post' : r.post ? 'assigned' : 'unassigned';
}
const STATE_COLOURS: Record<State, string> = { unassigned: 'orange', assigned: 'blue', on_post: 'green' };

/**
 * 在职党员到社区报到, the community's page: who reported to the communities of the jurisdiction (or to
 * the one picked), masked (reveals audited); the poster with its QR code; enter a report; assign a
 * post (卡口值守 on a checkpoint shift); mark 已到岗.
 */
export default function ReportingPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const navigate = useNavigate();
  const { me } = useAuth();
  // a village cadre starts at their own village (its list, poster and entry at hand)
  const [communityId, setCommunityId] = useState<string | null>(me?.region?.level === 'village' ? me.region.id : null);
  const [state, setState] = useState<State | undefined>();
  const [version, setVersion] = useState(0);
  const [entering, setEntering] = useState(false);
  const [assigning, setAssigning] = useState<PartyReport | null>(null);
  const [form] = Form.useForm<{ name: string; idNumber: string; phone?: string }>();
  const list = usePaged<PartyReport>(
    '/party/reports',
    { regionId: communityId ?? undefined, state },
    feedback.error,
    version,
  );

  const enter = async () => {
    const v = await form.validateFields();
    try {
      await reportingApi.enter({ ...v, phone: v.phone || null, communityId: communityId! });
      feedback.success(t('reporting.entered'));
      setEntering(false);
      form.resetFields();
      setVersion((n) => n + 1);
    } catch (err) {
      feedback.error(err);
    }
  };

  return (
    <Card
      title={t('reporting.title')}
      extra={
        me && can.readReportingRates(me.role) ? <Link to="/reporting/rates">{t('reporting.ratesLink')}</Link> : null
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <div style={{ minWidth: 260 }}>
          <RegionPicker
            value={communityId}
            valueLabel={me?.region?.level === 'village' ? me.region.name : undefined}
            onChange={setCommunityId}
            placeholder={t('reporting.pickCommunity')}
            isDisabled={(r) => r.level !== 'village'}
          />
        </div>
        <Select<State>
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('reporting.state')}
          value={state}
          onChange={setState}
          options={(['unassigned', 'assigned', 'on_post'] as const).map((s) => ({
            value: s,
            label: t(`reporting.state.${s}`),
          }))}
        />
        <Button
          icon={<QrcodeOutlined />}
          disabled={!communityId}
          onClick={() => navigate(`/reporting/poster/${communityId}`)}
          data-testid="reporting-poster"
        >
          {t('reporting.poster')}
        </Button>
        <Button icon={<PlusOutlined />} disabled={!communityId} onClick={() => setEntering(true)}>
          {t('reporting.enter')}
        </Button>
      </Space>
      <PagedTable<PartyReport>
        list={list}
        rowKey="id"
        size="small"
        scroll={{ x: true }}
        locale={{ emptyText: t('reporting.empty') }}
        columns={[
          { title: t('reporting.name'), dataIndex: 'name' },
          {
            title: t('reporting.idNumber'),
            render: (_, r) => (
              <MaskedReveal
                masked={r.idNumber}
                label={t('reporting.idNumber')}
                testId={`report-id-${r.id}`}
                reveal={() => reportingApi.reveal(r.id, 'idNumber')}
              />
            ),
          },
          {
            title: t('reporting.phone'),
            render: (_, r) => <MaskedReveal masked={r.phone} reveal={() => reportingApi.reveal(r.id, 'phone')} />,
          },
          { title: t('reporting.unit'), dataIndex: 'unitName' },
          { title: t('reporting.community'), dataIndex: 'communityName' },
          { title: t('reporting.reportedAt'), render: (_, r) => formatTime(r.reportedAt, locale) },
          { title: t('reporting.source'), render: (_, r) => t(`reporting.source.${r.source}`) },
          {
            title: t('reporting.post'),
            render: (_, r) =>
              r.post ? `${t(`reporting.post.${r.post}`)}${r.siteName ? `（${r.siteName}）` : ''}` : '—',
          },
          {
            title: t('reporting.state'),
            render: (_, r) => <Tag color={STATE_COLOURS[stateOf(r)]}>{t(`reporting.state.${stateOf(r)}`)}</Tag>,
          },
          {
            title: t('common.actions'),
            render: (_, r) => (
              <Space>
                <Button size="small" onClick={() => setAssigning(r)} data-testid={`report-assign-${r.id}`}>
                  {t('reporting.assign')}
                </Button>
                {r.post && !r.onPostAt && (
                  <Button
                    size="small"
                    icon={<CheckOutlined />}
                    onClick={() =>
                      reportingApi
                        .onPost(r.id)
                        .then(() => {
                          feedback.success(t('reporting.markedOnPost'));
                          setVersion((n) => n + 1);
                        })
                        .catch(feedback.error)
                    }
                  >
                    {t('reporting.onPost')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {entering && (
        <Modal open title={t('reporting.enter')} onCancel={() => setEntering(false)} onOk={() => void enter()}>
          <Form form={form} layout="vertical">
            <Form.Item name="name" label={t('reporting.name')} rules={[{ required: true }]}>
              <Input maxLength={50} />
            </Form.Item>
            <Form.Item name="idNumber" label={t('reporting.idNumber')} rules={[{ required: true, len: 18 }]}>
              <Input maxLength={18} />
            </Form.Item>
            <Form.Item name="phone" label={t('reporting.phone')}>
              <Input maxLength={11} />
            </Form.Item>
          </Form>
        </Modal>
      )}
      {assigning && (
        <AssignPostModal
          title={`${t('reporting.assign')} · ${assigning.name}`}
          onClose={() => setAssigning(null)}
          onSubmit={async (choice) => {
            await reportingApi.assign(assigning.id, choice);
            feedback.success(t('reporting.assigned'));
            setAssigning(null);
            setVersion((n) => n + 1);
          }}
        />
      )}
    </Card>
  );
}
