import { Button, Form, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import type { SeekNotice as Notice } from '../../../shared/tracing';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { PersonPicker } from './parts';
import { tracingApi, type Report } from './tracingApi';

const STATUS_COLORS: Record<Report['status'], string> = { pending: 'gold', confirmed: 'green', rejected: 'default' };
const RANK: Record<Report['status'], number> = { pending: 0, confirmed: 1, rejected: 2 };

/**
 * The public's "I was there" reports, pending first. A pending one is confirmed as the registry
 * person it matched (by ID number, or phone and name), as a person the tracer picks, or as a new
 * registry person made from the report — or rejected.
 */
export function ReportsTable({
  notice,
  reports,
  mayDecide,
  onDecided,
}: {
  notice: Notice;
  reports: Report[];
  mayDecide: boolean;
  onDecided: () => void;
}) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [busy, setBusy] = useState<string | null>(null);
  const [picking, setPicking] = useState<Report | null>(null);
  const [form] = Form.useForm<{ personId?: string }>();
  const sorted = [...reports].sort((a, b) => RANK[a.status] - RANK[b.status] || b.createdAt.localeCompare(a.createdAt));

  const decide = async (r: Report, body: { action: 'confirm' | 'reject'; personId?: string; register?: boolean }) => {
    setBusy(r.id);
    try {
      await tracingApi.decideReport(notice.id, r.id, body);
      feedback.success(
        t(body.action === 'reject' ? 'tracing.reportRejected' : 'tracing.reportConfirmed', { name: r.name }),
      );
      setPicking(null);
      onDecided();
    } catch (err) {
      if (picking) feedback.formError(form, err, { PERSON_NOT_FOUND: 'personId' });
      else feedback.error(err);
    } finally {
      setBusy(null);
    }
  };

  const match = (r: Report) =>
    r.match ? (
      <span>
        {r.match.name}{' '}
        <Tag color={r.match.by === 'id_number' ? 'green' : r.match.by === 'phone' ? 'cyan' : 'purple'}>
          {t(`tracing.matchBy.${r.match.by}`)}
        </Tag>
      </span>
    ) : (
      <Typography.Text type="secondary">{t('tracing.noMatch')}</Typography.Text>
    );

  const actions = (r: Report) => {
    if (!mayDecide || r.status !== 'pending')
      return <Tag color={STATUS_COLORS[r.status]}>{t(`tracing.reportStatus.${r.status}`)}</Tag>;
    const loading = busy === r.id;
    return (
      <Space size={4} wrap>
        {r.match && (
          <Button
            type="primary"
            size="small"
            loading={loading}
            onClick={() => void decide(r, { action: 'confirm' })}
            data-testid={`report-confirm-${r.name}`}
          >
            {t('tracing.confirmMatch')}
          </Button>
        )}
        <Button
          size="small"
          onClick={() => {
            form.resetFields();
            setPicking(r);
          }}
          data-testid={`report-pick-${r.name}`}
        >
          {t('tracing.confirmPick')}
        </Button>
        {!r.match && (
          <Popconfirm
            title={t('tracing.registerConfirm', { name: r.name })}
            onConfirm={() => decide(r, { action: 'confirm', register: true })}
          >
            <Button size="small" loading={loading} data-testid={`report-register-${r.name}`}>
              {t('tracing.registerNew')}
            </Button>
          </Popconfirm>
        )}
        <Popconfirm
          title={t('tracing.rejectConfirm', { name: r.name })}
          onConfirm={() => decide(r, { action: 'reject' })}
        >
          <Button size="small" danger loading={loading} data-testid={`report-reject-${r.name}`}>
            {t('tracing.rejectReport')}
          </Button>
        </Popconfirm>
      </Space>
    );
  };

  const submitPick = async () => {
    const v = await validated(form);
    if (!v || !picking) return;
    await decide(picking, { action: 'confirm', personId: v.personId });
  };

  return (
    <>
      <Table<Report>
        data-testid="reports-table"
        rowKey="id"
        size="small"
        pagination={sorted.length > 20 ? { pageSize: 20, size: 'small' } : false}
        dataSource={sorted}
        scroll={mobile ? undefined : { x: 980 }}
        locale={{ emptyText: t('tracing.noReports') }}
        onRow={(row) =>
          ({ 'data-testid': `report-${row.name}`, 'data-status': row.status }) as HTMLAttributes<HTMLElement>
        }
        columns={
          mobile
            ? [
                {
                  title: t('tracing.reports'),
                  key: 'm',
                  render: (_, r) => (
                    <div>
                      <Space size={6} wrap>
                        <strong>{r.name}</strong>
                        {r.phone}
                      </Space>
                      <div style={{ fontSize: 12, color: '#666' }}>
                        {[r.whereNow, r.seat && t('tracing.seatN', { seat: r.seat }), r.idNumber]
                          .filter(Boolean)
                          .join(' · ')}
                      </div>
                      <div style={{ fontSize: 12 }}>
                        {t('tracing.match')}：{match(r)}
                      </div>
                      <div style={{ marginTop: 4 }}>{actions(r)}</div>
                    </div>
                  ),
                },
              ]
            : [
                { title: t('tracing.person'), dataIndex: 'name', width: 90 },
                { title: t('persons.phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
                {
                  title: t('persons.idNumber'),
                  dataIndex: 'idNumber',
                  width: 170,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('tracing.whereNow'), dataIndex: 'whereNow', width: 150 },
                { title: t('tracing.seat'), dataIndex: 'seat', width: 60, render: (v: string | null) => v ?? '—' },
                {
                  title: t('tracing.reportedAt'),
                  dataIndex: 'createdAt',
                  width: 140,
                  render: (v: string) => formatTime(v, locale),
                },
                { title: t('tracing.match'), key: 'match', width: 150, render: (_, r) => match(r) },
                { title: t('common.actions'), key: 'actions', render: (_, r) => actions(r) },
              ]
        }
      />
      {picking && (
        <Modal
          open
          title={t('tracing.pickTitle', { name: picking.name })}
          onCancel={() => setPicking(null)}
          onOk={submitPick}
          confirmLoading={busy === picking.id}
          okButtonProps={{ 'data-testid': 'report-pick-submit' }}
          destroyOnHidden
        >
          <Typography.Paragraph type="secondary">
            {[picking.phone, picking.idNumber, picking.whereNow].filter(Boolean).join(' · ')}
          </Typography.Paragraph>
          <Form form={form} layout="vertical">
            <Form.Item
              name="personId"
              label={t('tracing.person')}
              rules={[{ required: true, message: t('tracing.required') }]}
              extra={t('tracing.personHint')}
            >
              <PersonPicker testId="report-person" />
            </Form.Item>
          </Form>
        </Modal>
      )}
    </>
  );
}
