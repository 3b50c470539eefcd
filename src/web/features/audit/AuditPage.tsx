import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Space, Typography } from 'antd';
import { useState, type ComponentProps } from 'react';
import type { AuditEntry } from '../../../shared/audit';
import type { Query } from '../../app/api';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';
import { UserSelect } from '../users/UserSelect';

type RangeValue = ComponentProps<typeof DatePicker.RangePicker>['value'];

interface Filters {
  action?: string;
  actorId?: string | null;
  entityType?: string;
  entityId?: string;
  range?: RangeValue;
}

function toQuery(filters: Filters): Query {
  const [from, to] = filters.range ?? [];
  return {
    action: filters.action?.trim(),
    actorId: filters.actorId ?? undefined,
    entityType: filters.entityType?.trim(),
    entityId: filters.entityId?.trim(),
    from: from ? from.toISOString() : undefined,
    to: to ? to.toISOString() : undefined,
    limit: 100,
  };
}

/**
 * 审计日志: the append-only record of who did what (logins, edits, phone reveals…), newest first.
 * Admin and command roles only.
 */
export default function AuditPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Filters>();
  const [query, setQuery] = useState<Query>({ limit: 100 });
  const entries = usePaged<AuditEntry>('/audit', query, feedback.error);
  const mobile = useIsMobile();
  const width = (px: number) => ({ width: mobile ? '100%' : px });

  return (
    <Card title={t('nav.audit')} size={mobile ? 'small' : undefined}>
      <Form<Filters>
        form={form}
        layout={mobile ? 'vertical' : 'inline'}
        onFinish={(values) => setQuery(toQuery(values))}
        style={{ rowGap: 12, marginBottom: 16 }}
      >
        <Form.Item name="action" label={t('audit.action')}>
          <Input id="audit-action" allowClear placeholder="region.create" style={width(170)} />
        </Form.Item>
        <Form.Item name="actorId" label={t('audit.actor')}>
          <UserSelect id="audit-actor" placeholder={t('audit.actorPlaceholder')} style={width(200)} />
        </Form.Item>
        <Form.Item name="entityType" label={t('audit.entityType')}>
          <Input id="audit-entity-type" allowClear placeholder="region" style={width(130)} />
        </Form.Item>
        <Form.Item name="entityId" label={t('audit.entityId')}>
          <Input id="audit-entity-id" allowClear style={width(200)} />
        </Form.Item>
        <Form.Item name="range" label={t('audit.range')}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            style={mobile ? { width: '100%' } : undefined}
          />
        </Form.Item>
        <Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="audit-search">
              {t('common.search')}
            </Button>
            <Button
              onClick={() => {
                form.resetFields();
                setQuery({ limit: 100 });
              }}
            >
              {t('common.reset')}
            </Button>
          </Space>
        </Form.Item>
      </Form>
      <PagedTable<AuditEntry>
        list={entries}
        data-testid="audit-table"
        rowKey="id"
        size="small"
        scroll={{ x: 1000 }}
        expandable={{
          rowExpandable: (row) => row.details !== null && row.details !== undefined,
          expandedRowRender: (row) => (
            <pre style={{ margin: 0, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
              {JSON.stringify(row.details, null, 2)}
            </pre>
          ),
        }}
        columns={[
          { title: t('audit.time'), dataIndex: 'at', width: 150, render: (v: string) => formatTime(v, locale) },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            width: 120,
            render: (v: string | null) => v ?? t('audit.system'),
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            width: 230,
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('audit.entity'),
            key: 'entity',
            render: (_, row) =>
              row.entityType ? (
                <span>
                  {row.entityType}
                  {row.entityId && (
                    <Typography.Text type="secondary" copyable style={{ fontSize: 12, marginInlineStart: 6 }}>
                      {row.entityId}
                    </Typography.Text>
                  )}
                </span>
              ) : (
                '—'
              ),
          },
          { title: t('audit.ip'), dataIndex: 'ip', width: 130, render: (v: string | null) => v ?? '—' },
        ]}
      />
    </Card>
  );
}
