import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Space, Typography } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { CaseClassification, type Case } from '../../../shared/tracing';
import { useMe } from '../../app/auth';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';
import { CaseCreateModal } from './CaseModals';
import { ClassificationTag, OutcomeTag } from './parts';

/** 病例: the cases of my jurisdiction, newest first, by classification and name / pinyin / ID suffix. */
export default function CasesPage() {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [classification, setClassification] = useState<Case['classification'] | undefined>();
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const list = usePaged<Case>('/cases', { classification, q: q.trim() || undefined, limit: 50 }, feedback.error);

  const name = (row: Case) => (
    <Link to={`/cases/${row.id}`} data-testid={`case-link-${row.id}`}>
      {row.personName}
    </Link>
  );

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={t('tracing.casesTitle')}
      extra={
        <Space wrap>
          <Link to="/cases/graph">
            <Button icon={<ApartmentOutlined />} data-testid="cases-graph">
              {t('tracing.chainOverview')}
            </Button>
          </Link>
          {can.trace(me.role) && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="case-create">
              {t('tracing.createCase')}
            </Button>
          )}
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('tracing.searchPlaceholder')}
          onSearch={setQ}
          style={{ width: mobile ? '100%' : 280 }}
          data-testid="cases-search"
        />
        <Select
          allowClear
          value={classification}
          onChange={setClassification}
          placeholder={t('tracing.classification')}
          style={{ width: 160 }}
          options={CaseClassification.options.map((c) => ({ value: c, label: t(`tracing.classification.${c}`) }))}
          data-testid="cases-classification"
        />
      </Space>
      <PagedTable<Case>
        list={list}
        data-testid="cases-table"
        rowKey="id"
        size="middle"
        scroll={mobile ? undefined : { x: 1000 }}
        locale={{ emptyText: t('tracing.noCases') }}
        onRow={(row) => ({ 'data-testid': `case-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={
          mobile
            ? [
                {
                  title: t('tracing.person'),
                  key: 'm',
                  render: (_, row) => (
                    <div>
                      <Space size={6} wrap>
                        {name(row)}
                        <ClassificationTag value={row.classification} />
                        <OutcomeTag value={row.outcome} />
                      </Space>
                      <div style={{ fontSize: 12, color: '#666' }}>
                        {t('tracing.reportDate')} {row.reportDate} · {row.regionName ?? '—'} ·{' '}
                        {t('tracing.contactsN', { n: row.contacts })}
                      </div>
                    </div>
                  ),
                },
              ]
            : [
                { title: t('tracing.person'), dataIndex: 'personName', width: 110, render: (_, row) => name(row) },
                {
                  title: t('persons.idNumber'),
                  dataIndex: 'idNumber',
                  width: 190,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('tracing.classification'),
                  dataIndex: 'classification',
                  width: 120,
                  render: (v: Case['classification']) => <ClassificationTag value={v} />,
                },
                {
                  title: t('tracing.outcome'),
                  dataIndex: 'outcome',
                  width: 110,
                  render: (v: Case['outcome']) => <OutcomeTag value={v} />,
                },
                {
                  title: t('tracing.onsetDate'),
                  dataIndex: 'onsetDate',
                  width: 110,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('tracing.reportDate'), dataIndex: 'reportDate', width: 110 },
                {
                  title: t('tracing.generation'),
                  dataIndex: 'generation',
                  width: 80,
                  render: (v: number) => t('tracing.generationN', { n: v }),
                },
                { title: t('tracing.contacts'), dataIndex: 'contacts', width: 80 },
                {
                  title: t('tracing.region'),
                  dataIndex: 'regionName',
                  render: (v: string | null, row) => (
                    <>
                      {v ?? '—'}{' '}
                      {row.treatedAt && <Typography.Text type="secondary">· {row.treatedAt}</Typography.Text>}
                    </>
                  ),
                },
              ]
        }
      />
      {creating && <CaseCreateModal onClose={() => setCreating(false)} onCreated={(c) => navigate(`/cases/${c.id}`)} />}
    </Card>
  );
}
