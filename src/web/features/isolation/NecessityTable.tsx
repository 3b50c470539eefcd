import { Button, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { Necessity, NecessityAction } from '../../../shared/isolation';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n, type Translate } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { isolationApi } from './isolationApi';

const STATUS_COLORS: Record<Necessity['status'], string> = {
  open: 'red',
  assigned: 'orange',
  fulfilled: 'green',
  cancelled: 'default',
};

/** "1 小时 30 分" — how long a request took (or has been waiting). */
export function duration(t: Translate, minutes: number | null): string {
  if (minutes === null) return '—';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? t('isolation.hoursMinutes', { h, m }) : t('isolation.minutes', { m });
}

interface Props {
  items: Necessity[];
  loading?: boolean;
  /** Show whose request it is (the list of all requests; not on one episode's page). */
  showPerson?: boolean;
  onChanged: (next: Necessity) => void;
}

/**
 * 生活需求: food, medicine, gas or other help an isolated household asked for. The village assigns
 * each to someone, who fulfils it; the time from request to fulfilment is shown (the time waited so
 * far while it is open).
 */
export function NecessityTable({ items, loading, showPerson, onChanged }: Props) {
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [acting, setActing] = useState<{ row: Necessity; action: 'assign' | 'cancel' } | null>(null);
  const [form] = Form.useForm<{ text: string }>();
  const [saving, setSaving] = useState(false);
  const mayAct = can.isolate(me.role);

  const act = async (row: Necessity, body: NecessityAction) => {
    setSaving(true);
    try {
      onChanged(await isolationApi.actOnNecessity(row.id, body));
      feedback.success(t('common.saved'));
      setActing(null);
    } catch (err) {
      feedback.error(err);
    } finally {
      setSaving(false);
    }
  };

  const submitModal = async () => {
    const values = await validated(form);
    if (!values || !acting) return;
    await act(
      acting.row,
      acting.action === 'assign'
        ? { action: 'assign', assigneeName: values.text.trim() }
        : { action: 'cancel', note: values.text.trim() },
    );
  };

  const actions = (row: Necessity) => {
    if (!mayAct || row.status === 'fulfilled' || row.status === 'cancelled') return null;
    return (
      <Space size={4} wrap>
        {row.status === 'open' && (
          <Button
            size="small"
            type="primary"
            onClick={() => {
              form.resetFields();
              setActing({ row, action: 'assign' });
            }}
            data-testid={`necessity-assign-${row.id}`}
          >
            {t('isolation.necessity.assign')}
          </Button>
        )}
        <Popconfirm title={t('isolation.necessity.fulfilConfirm')} onConfirm={() => act(row, { action: 'fulfil' })}>
          <Button size="small" data-testid={`necessity-fulfil-${row.id}`}>
            {t('isolation.necessity.fulfil')}
          </Button>
        </Popconfirm>
        <Button
          size="small"
          danger
          type="text"
          onClick={() => {
            form.resetFields();
            setActing({ row, action: 'cancel' });
          }}
        >
          {t('isolation.necessity.cancel')}
        </Button>
      </Space>
    );
  };

  const status = (row: Necessity) => (
    <Space size={4} direction="vertical">
      <Tag color={STATUS_COLORS[row.status]}>{t(`isolation.necessity.status.${row.status}`)}</Tag>
      {row.assigneeName && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.assigneeName}
        </Typography.Text>
      )}
    </Space>
  );

  return (
    <>
      <Table<Necessity>
        data-testid="necessities-table"
        rowKey="id"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={false}
        scroll={mobile ? { x: 560 } : undefined}
        locale={{ emptyText: t('isolation.necessity.none') }}
        onRow={(row) => ({ 'data-testid': `necessity-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          ...(showPerson
            ? [
                {
                  title: t('isolation.person'),
                  dataIndex: 'personName',
                  width: 100,
                  render: (v: string | null, row: Necessity) => (
                    <Link to={`/isolation/episodes/${row.episodeId}`}>{v ?? '—'}</Link>
                  ),
                },
              ]
            : []),
          {
            title: t('isolation.necessity.kind'),
            dataIndex: 'kind',
            render: (_, row) => (
              <div>
                <Tag>{t(`isolation.necessity.kind.${row.kind}`)}</Tag>
                {row.via === 'self' && <Tag color="purple">{t('isolation.necessity.viaSelf')}</Tag>}
                {row.detail && <div style={{ marginTop: 2 }}>{row.detail}</div>}
                {row.note && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {row.note}
                  </Typography.Text>
                )}
                {showPerson && row.address && !mobile && (
                  <div style={{ fontSize: 12, color: '#888' }}>{row.address}</div>
                )}
              </div>
            ),
          },
          {
            title: t('isolation.necessity.requestedAt'),
            dataIndex: 'requestedAt',
            width: 130,
            render: (v: string) => formatTime(v, locale),
          },
          { title: t('isolation.status'), key: 'status', width: 110, render: (_, row) => status(row) },
          {
            title: t('isolation.necessity.taken'),
            dataIndex: 'minutesTaken',
            width: 110,
            render: (v: number | null, row) => (
              <span
                style={{ color: row.status === 'fulfilled' ? undefined : '#d46b08' }}
                data-testid={`necessity-taken-${row.id}`}
              >
                {row.status === 'cancelled' ? '—' : duration(t, v)}
              </span>
            ),
          },
          ...(mayAct
            ? [
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 190,
                  render: (_: unknown, row: Necessity) => actions(row),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={!!acting}
        title={
          acting?.action === 'assign' ? t('isolation.necessity.assignTitle') : t('isolation.necessity.cancelTitle')
        }
        onCancel={() => setActing(null)}
        onOk={submitModal}
        confirmLoading={saving}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'necessity-action-submit' }}
      >
        <Form form={form} layout="vertical" onFinish={submitModal}>
          <Form.Item
            name="text"
            label={
              acting?.action === 'assign' ? t('isolation.necessity.assignee') : t('isolation.necessity.cancelNote')
            }
            rules={[{ required: true, whitespace: true, message: t('isolation.required') }]}
          >
            <Input
              autoFocus
              maxLength={acting?.action === 'assign' ? 50 : 300}
              placeholder={acting?.action === 'assign' ? t('isolation.necessity.assigneePlaceholder') : undefined}
              data-testid="necessity-action-text"
            />
          </Form.Item>
          <button type="submit" hidden />
        </Form>
      </Modal>
    </>
  );
}
