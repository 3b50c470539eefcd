import { Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import type { Contact } from '../../../shared/tracing';
import { useMe } from '../../app/auth';
import { CallButton } from '../../app/components/CallButton';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { IsolationStatus } from './parts';
import { tracingApi } from './tracingApi';

/** 密接名单: the case's contacts (accepted and rejected), each with its isolation now and, if it became one, its own case. */
export function ContactsTab({ caseId, refreshKey }: { caseId: string; refreshKey: number }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const tracer = can.trace(useMe().role);
  const [items, setItems] = useState<Contact[] | null>(null);
  // a tracer phones contacts: the full number is revealed (audited, 流调) only by the call button
  const call = (c: Contact) =>
    tracer && c.phone ? (
      <CallButton number={() => tracingApi.callNumber(c.id)} name={c.name} testId={`contact-call-${c.id}`} />
    ) : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    let cancelled = false;
    tracingApi
      .contacts(caseId)
      .then((r) => !cancelled && setItems(r))
      .catch((err: unknown) => {
        feedback.error(err);
        if (!cancelled) setItems([]);
      });
    return () => {
      cancelled = true;
    };
  }, [caseId, refreshKey, feedback]);

  const accepted = (items ?? []).filter((c) => c.decision === 'accepted');
  const isolatedNow = accepted.filter((c) => c.isolation?.status === 'active').length;
  const state = (c: Contact) => (
    <Space size={4} wrap>
      {c.decision === 'rejected' ? (
        <Tag>{t('tracing.decision.rejected')}</Tag>
      ) : (
        <IsolationStatus isolation={c.isolation} />
      )}
      {c.caseId2 && (
        <Link to={`/cases/${c.caseId2}`} data-testid={`contact-case-${c.personId}`}>
          <Tag color="red" style={{ cursor: 'pointer' }}>
            {t('tracing.becameCase')}
          </Tag>
        </Link>
      )}
    </Space>
  );
  const exposure = (c: Contact) =>
    [t(`tracing.exposure.${c.exposureType}`), c.exposureDate, t(`tracing.closeness.${c.closeness}`)]
      .filter(Boolean)
      .join(' · ');

  return (
    <>
      <Typography.Paragraph type="secondary" data-testid="contacts-summary">
        {t('tracing.contactsSummary', { n: accepted.length, isolated: isolatedNow })}
      </Typography.Paragraph>
      <Table<Contact>
        data-testid="contacts-table"
        rowKey="id"
        size="small"
        loading={items === null}
        dataSource={items ?? []}
        pagination={false}
        scroll={mobile ? undefined : { x: 900 }}
        locale={{ emptyText: t('tracing.noContacts') }}
        onRow={(row) => ({ 'data-testid': `contact-${row.name}` }) as HTMLAttributes<HTMLElement>}
        columns={
          mobile
            ? [
                {
                  title: t('tracing.person'),
                  key: 'm',
                  render: (_, c) => (
                    <div>
                      <Space size={6} wrap>
                        <strong>{c.name}</strong>
                        {state(c)}
                      </Space>
                      <div style={{ fontSize: 12, color: '#666' }}>{exposure(c)}</div>
                      <div style={{ fontSize: 12, color: '#666' }}>
                        {[c.idNumber, c.phone, c.regionName].filter(Boolean).join(' · ')}
                      </div>
                      {call(c)}
                    </div>
                  ),
                },
              ]
            : [
                { title: t('tracing.person'), dataIndex: 'name', width: 100 },
                {
                  title: t('persons.idNumber'),
                  dataIndex: 'idNumber',
                  width: 180,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('persons.phone'),
                  key: 'phone',
                  width: 180,
                  render: (_, c) => (
                    <Space size={6} wrap>
                      {c.phone ?? '—'}
                      {call(c)}
                    </Space>
                  ),
                },
                {
                  title: t('tracing.region'),
                  dataIndex: 'regionName',
                  width: 120,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('tracing.exposureType'), key: 'exposure', width: 220, render: (_, c) => exposure(c) },
                { title: t('tracing.state'), key: 'state', render: (_, c) => state(c) },
                { title: t('tracing.note'), dataIndex: 'note', width: 160, render: (v: string | null) => v ?? '' },
              ]
        }
      />
    </>
  );
}
