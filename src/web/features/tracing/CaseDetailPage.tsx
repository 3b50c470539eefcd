import { ArrowLeftOutlined, EditOutlined, HomeOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Case } from '../../../shared/tracing';
import { useMe } from '../../app/auth';
import { DetailStatus } from '../../app/components/DetailStatus';
import { formatTime } from '../../app/format';
import { useI18n, type Translate } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { CandidatesTab } from './CandidatesTab';
import { CaseChangeModal } from './CaseModals';
import { ChainGraphView } from './ChainGraph';
import { ContactsTab } from './ContactsTab';
import { JourneyTab } from './JourneyTab';
import { ClassificationTag, OutcomeTag } from './parts';
import { tracingApi, type HistoryEntry } from './tracingApi';

const TABS = ['info', 'candidates', 'contacts', 'journey', 'graph'] as const;
type Tab = (typeof TABS)[number];

/** A changed field's value in words: a classification or outcome by its label, an empty value as a dash. */
function valueText(t: Translate, field: string, v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (field === 'classification') return t(`tracing.classification.${v as Case['classification']}`);
  if (field === 'outcome') return t(`tracing.outcome.${v as Case['outcome']}`);
  return String(v);
}
const FIELDS = ['classification', 'outcome', 'onsetDate', 'reportDate', 'treatedAt', 'note'] as const;

/**
 * One case: its facts and the history of every change; for a tracer the computed contact
 * candidates (accept and isolate in one action), the contacts with their isolation, the journey;
 * and the transmission chain it belongs to.
 */
export default function CaseDetailPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const { t, locale } = useI18n();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const caseDetail = useDetail(id, tracingApi.case);
  const { data: detail, reload: load } = caseDetail;
  const [changing, setChanging] = useState(false);
  const [contactsKey, setContactsKey] = useState(0);
  const tracer = can.trace(me.role);
  const allowed: readonly Tab[] = tracer ? TABS : ['info', 'contacts', 'graph'];
  const tab: Tab = allowed.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'info';

  if (!detail) return <DetailStatus detail={caseDetail} />;
  const c = detail.case;
  const fieldLabel = (f: string) =>
    (FIELDS as readonly string[]).includes(f) ? t(`tracing.${f as (typeof FIELDS)[number]}`) : f;

  const info = (
    <>
      {tracer && (
        <Button
          icon={<EditOutlined />}
          onClick={() => setChanging(true)}
          style={{ marginBottom: 12 }}
          data-testid="case-change"
        >
          {t('tracing.changeCase')}
        </Button>
      )}
      <Descriptions
        size="small"
        bordered
        column={mobile ? 1 : 2}
        items={[
          { key: 'person', label: t('tracing.person'), children: c.personName },
          { key: 'id', label: t('persons.idNumber'), children: c.idNumber ?? '—' },
          {
            key: 'sex',
            label: t('persons.sex'),
            children: [c.sex ? t(`sex.${c.sex as 'M'}`) : null, c.birthDate].filter(Boolean).join(' · ') || '—',
          },
          { key: 'region', label: t('tracing.region'), children: c.regionName ?? '—' },
          {
            key: 'household',
            label: t('persons.household'),
            span: mobile ? 1 : 2,
            children: c.householdId ? (
              <Link to={`/households/${c.householdId}`}>
                <HomeOutlined /> {c.address ?? t('persons.openHousehold')}
              </Link>
            ) : (
              '—'
            ),
          },
          {
            key: 'classification',
            label: t('tracing.classification'),
            children: <ClassificationTag value={c.classification} />,
          },
          { key: 'outcome', label: t('tracing.outcome'), children: <OutcomeTag value={c.outcome} /> },
          { key: 'onset', label: t('tracing.onsetDate'), children: c.onsetDate ?? '—' },
          { key: 'report', label: t('tracing.reportDate'), children: c.reportDate },
          { key: 'treated', label: t('tracing.treatedAt'), children: c.treatedAt ?? '—' },
          {
            key: 'generation',
            label: t('tracing.generation'),
            children: (
              <>
                {t('tracing.generationN', { n: c.generation })}{' '}
                {c.sourceCaseId && (
                  <Link to={`/cases/${c.sourceCaseId}`} data-testid="case-source">
                    {t('tracing.sourceCase')}
                  </Link>
                )}
              </>
            ),
          },
          { key: 'contacts', label: t('tracing.contacts'), children: c.contacts },
          { key: 'created', label: t('tracing.createdAt'), children: formatTime(c.createdAt, locale) },
          ...(c.note ? [{ key: 'note', label: t('tracing.note'), span: mobile ? 1 : 2, children: c.note }] : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('tracing.history')}
      </Typography.Title>
      <Table<HistoryEntry & { key: number }>
        data-testid="case-history"
        size="small"
        pagination={false}
        dataSource={detail.history.map((h, key) => ({ ...h, key }))}
        scroll={mobile ? undefined : { x: 640 }}
        columns={[
          { title: t('tracing.historyAt'), dataIndex: 'at', width: 160, render: (v: string) => formatTime(v, locale) },
          { title: t('tracing.historyBy'), dataIndex: 'actorName', width: 110, render: (v: string | null) => v ?? '—' },
          {
            title: t('tracing.historyChanges'),
            key: 'changes',
            render: (_, row) => (
              <Space orientation="vertical" size={0}>
                {Object.entries(row.changes).map(([field, { from, to }]) => (
                  <span key={field}>
                    {fieldLabel(field)}：
                    {from === null || from === undefined ? (
                      ''
                    ) : (
                      <>
                        <Typography.Text delete type="secondary">
                          {valueText(t, field, from)}
                        </Typography.Text>{' '}
                        →{' '}
                      </>
                    )}
                    <Typography.Text strong>{valueText(t, field, to)}</Typography.Text>
                  </span>
                ))}
              </Space>
            ),
          },
        ]}
      />
    </>
  );

  const items = [
    { key: 'info', label: t('tracing.tab.info'), children: info },
    ...(tracer
      ? [
          {
            key: 'candidates',
            label: t('tracing.tab.candidates'),
            children: (
              <CandidatesTab
                theCase={c}
                onDecided={() => {
                  setContactsKey((k) => k + 1);
                  load();
                }}
              />
            ),
          },
        ]
      : []),
    {
      key: 'contacts',
      label: t('tracing.tab.contacts', { n: c.contacts }),
      children: <ContactsTab caseId={c.id} refreshKey={contactsKey} />,
    },
    ...(tracer ? [{ key: 'journey', label: t('tracing.tab.journey'), children: <JourneyTab theCase={c} /> }] : []),
    { key: 'graph', label: t('tracing.tab.graph'), children: <ChainGraphView caseId={c.id} /> },
  ];

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={
        <span data-testid="case-title">
          <Button
            type="text"
            icon={<ArrowLeftOutlined />}
            onClick={() => navigate('/cases')}
            aria-label={t('common.back')}
          />
          {c.personName} <ClassificationTag value={c.classification} />
          {c.generation > 1 && <Tag>{t('tracing.generationN', { n: c.generation })}</Tag>}
        </span>
      }
    >
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams(key === 'info' ? {} : { tab: key }, { replace: true })}
        destroyOnHidden
        items={items}
      />
      {changing && (
        <CaseChangeModal
          value={c}
          onClose={() => setChanging(false)}
          onChanged={() => {
            setChanging(false);
            load();
          }}
        />
      )}
    </Card>
  );
}
