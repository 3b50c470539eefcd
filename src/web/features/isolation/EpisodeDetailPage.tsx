import { ArrowLeftOutlined, EditOutlined, LinkOutlined, PrinterOutlined, StopOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Form, Input, Modal, Row, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { NecessityKind, type Slot } from '../../../shared/isolation';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { ChangeEpisodeModal, EndEpisodeModal, SelfReportLinkModal } from './EpisodeModals';
import { STATUS_COLORS } from './EpisodesTab';
import { isolationApi, lengthOf, placeOf } from './isolationApi';
import { NecessityTable } from './NecessityTable';
import { SlotFillForm } from './SlotFillForm';
import { SlotTable } from './SlotTable';
import { Temperature } from './Temperature';

type Dialog = 'end' | 'change' | 'link' | null;

/**
 * One observation: who, where, from when to when, every follow-up by day, the household's
 * requests; fill a follow-up, change the observer or the planned end, hand out the self-report
 * link, end it, and print the certificate once completed.
 */
export default function EpisodeDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const episode = useDetail(id, isolationApi.episode);
  const { data: detail, reload: load } = episode;
  const [dialog, setDialog] = useState<Dialog>(null);
  const [filling, setFilling] = useState<Slot | null>(null);
  const [needForm] = Form.useForm<{ kind: NecessityKind; detail?: string }>();
  const [asking, setAsking] = useState(false);

  if (!detail) return <DetailStatus detail={episode} />;
  const { episode: ep, slots, necessities } = detail;
  const active = ep.status === 'active';
  const mayAct = can.isolate(me.role) && active;

  const askNecessity = async () => {
    const values = await validated(needForm);
    if (!values) return;
    setAsking(true);
    try {
      await isolationApi.requestNecessity(ep.id, { kind: values.kind, detail: values.detail?.trim() || null });
      needForm.resetFields();
      feedback.success(t('isolation.necessity.requested'));
      load();
    } catch (err) {
      feedback.formError(needForm, err);
    } finally {
      setAsking(false);
    }
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Card
          size={mobile ? 'small' : undefined}
          title={
            <span data-testid="episode-title">
              <Button
                type="text"
                icon={<ArrowLeftOutlined />}
                onClick={() => navigate('/isolation')}
                aria-label={t('common.back')}
              />
              {ep.personName}{' '}
              <Tag color={STATUS_COLORS[ep.status]} data-testid="episode-status">
                {t(`isolation.status.${ep.status}`)}
              </Tag>
            </span>
          }
          extra={
            <Space wrap>
              {ep.certificateSerial && (
                <Link to={`/isolation/episodes/${ep.id}/certificate`}>
                  <Button type="primary" icon={<PrinterOutlined />} data-testid="episode-certificate">
                    {t('isolation.printCertificate')}
                  </Button>
                </Link>
              )}
            </Space>
          }
        >
          {mayAct && (
            <Space wrap style={{ marginBottom: 12 }}>
              <Button icon={<LinkOutlined />} onClick={() => setDialog('link')} data-testid="episode-link">
                {t('isolation.selfReportLink')}
              </Button>
              <Button icon={<EditOutlined />} onClick={() => setDialog('change')} data-testid="episode-change">
                {t('isolation.change')}
              </Button>
              <Button danger icon={<StopOutlined />} onClick={() => setDialog('end')} data-testid="episode-end">
                {t('isolation.end')}
              </Button>
            </Space>
          )}
          <Descriptions
            size="small"
            column={mobile ? 1 : 2}
            items={[
              { key: 'id', label: t('persons.idNumber'), children: ep.idNumber ?? '—' },
              {
                key: 'sex',
                label: t('persons.sex'),
                children: [ep.sex ? t(`sex.${ep.sex as 'M'}`) : null, ep.birthDate].filter(Boolean).join(' · ') || '—',
              },
              { key: 'phone', label: t('persons.phone'), children: ep.phone ?? '—' },
              { key: 'kind', label: t('isolation.kind'), children: t(`isolation.kind.${ep.kind}`) },
              { key: 'place', label: t('isolation.place'), children: placeOf(ep) },
              { key: 'region', label: t('isolation.region'), children: ep.regionName ?? '—' },
              {
                key: 'period',
                label: t('isolation.period'),
                children: `${ep.startDay} ~ ${ep.plannedEndDay}（${t('isolation.daysN', { n: lengthOf(ep) })}）`,
              },
              {
                key: 'day',
                label: t('isolation.day'),
                children: active ? t('isolation.dayOf', { n: ep.dayNumber, total: lengthOf(ep) }) : '—',
              },
              {
                key: 'reason',
                label: t('isolation.reason'),
                children: [t(`isolation.reason.${ep.reason}`), ep.reasonDetail].filter(Boolean).join('：'),
              },
              {
                key: 'source',
                label: t('isolation.source'),
                children: t(`isolation.source.${(ep.sourceType ?? 'manual') as 'manual'}`),
              },
              {
                key: 'observer',
                label: t('isolation.observer'),
                children: ep.observerName ?? t('isolation.noObserver'),
              },
              {
                key: 'slots',
                label: t('isolation.slotsPerDay'),
                children: t('isolation.timesPerDay', { n: ep.slotsPerDay }),
              },
              {
                key: 'last',
                label: t('isolation.lastTemp'),
                children: (
                  <>
                    <Temperature value={ep.lastTemperature} />{' '}
                    {ep.lastFilledAt && (
                      <Typography.Text type="secondary">{formatTime(ep.lastFilledAt, locale)}</Typography.Text>
                    )}
                  </>
                ),
              },
              {
                key: 'missed',
                label: t('isolation.missed'),
                children: ep.missedCount ? (
                  <Typography.Text type="danger" strong>
                    {ep.missedCount}
                  </Typography.Text>
                ) : (
                  0
                ),
              },
              ...(ep.endedAt
                ? [{ key: 'ended', label: t('isolation.endedAt'), children: formatTime(ep.endedAt, locale) }]
                : []),
              ...(ep.endReason ? [{ key: 'endReason', label: t('isolation.endReason'), children: ep.endReason }] : []),
              ...(ep.certificateSerial
                ? [{ key: 'serial', label: t('isolation.certificateSerial'), children: ep.certificateSerial }]
                : []),
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 12 }}>
            {t('isolation.followUps')}
          </Typography.Title>
          <SlotTable
            slots={slots}
            slotsPerDay={ep.slotsPerDay}
            startDay={ep.startDay}
            onFill={mayAct ? setFilling : undefined}
          />
        </Card>
      </Col>
      <Col xs={24} xl={10}>
        <Card size={mobile ? 'small' : undefined} title={t('isolation.tab.necessities')}>
          <NecessityTable items={necessities} onChanged={load} />
          {mayAct && (
            <Form
              form={needForm}
              layout="inline"
              onFinish={askNecessity}
              initialValues={{ kind: 'food' }}
              style={{ marginTop: 12, rowGap: 8 }}
            >
              <Form.Item name="kind">
                <Select
                  style={{ width: 100 }}
                  options={NecessityKind.options.map((k) => ({ value: k, label: t(`isolation.necessity.kind.${k}`) }))}
                />
              </Form.Item>
              <Form.Item name="detail" style={{ flex: 1, minWidth: 160 }}>
                <Input maxLength={300} placeholder={t('isolation.necessity.detailPlaceholder')} />
              </Form.Item>
              <Button htmlType="submit" loading={asking}>
                {t('isolation.necessity.request')}
              </Button>
            </Form>
          )}
        </Card>
      </Col>
      {filling && (
        <Modal open footer={null} onCancel={() => setFilling(null)} destroyOnHidden title={t('isolation.fill')}>
          <SlotFillForm
            slot={filling}
            heading={
              <Typography.Text strong style={{ fontSize: 18 }}>
                {ep.personName}
              </Typography.Text>
            }
            onDone={() => {
              setFilling(null);
              feedback.success(t('common.saved'));
              load();
            }}
            onCancel={() => setFilling(null)}
          />
        </Modal>
      )}
      {dialog === 'end' && (
        <EndEpisodeModal
          episode={ep}
          onClose={() => setDialog(null)}
          onEnded={() => {
            setDialog(null);
            load();
          }}
        />
      )}
      {dialog === 'change' && (
        <ChangeEpisodeModal
          episode={ep}
          onClose={() => setDialog(null)}
          onChanged={() => {
            setDialog(null);
            load();
          }}
        />
      )}
      {dialog === 'link' && <SelfReportLinkModal episode={ep} onClose={() => setDialog(null)} />}
    </Row>
  );
}
