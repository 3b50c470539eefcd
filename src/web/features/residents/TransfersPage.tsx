import { Badge, Button, Card, Input, Modal, Popconfirm, Select, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useEffect, useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  TRANSFER_EXPIRES_AFTER_DAYS,
  type PersonTransfer,
  type TransferBox,
  type TransferStatus,
} from '../../../shared/transfers';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { PagedTable } from '../../app/components/PagedTable';
import { usePaged } from '../../app/usePaged';
import { useIsMobile } from '../../app/useIsMobile';
import { transferApi } from './transferApi';

const STATUS_COLOR: Record<TransferStatus, string> = {
  pending: 'gold',
  accepted: 'green',
  refused: 'red',
  withdrawn: 'default',
  expired: 'default',
};
const STATUSES: TransferStatus[] = ['pending', 'accepted', 'refused', 'withdrawn', 'expired'];

/**
 * 迁入申请: requests to move a person between jurisdictions. "To decide" lists requests for persons
 * registered in the user's jurisdiction (accept or refuse, with a note); "Filed by us" lists the
 * requests the user's jurisdiction filed (the user may withdraw their own while pending).
 */
export default function TransfersPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [params, setParams] = useSearchParams();
  const box: TransferBox = params.get('box') === 'outgoing' ? 'outgoing' : 'incoming';
  const [status, setStatus] = useState<TransferStatus | undefined>(undefined);
  const [deciding, setDeciding] = useState<{ row: PersonTransfer; decision: 'accept' | 'refuse' } | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [refresh, setRefresh] = useState(0);
  const [waiting, setWaiting] = useState({ incoming: 0, outgoing: 0 });
  const list = usePaged<PersonTransfer>('/person-transfers', { box, status, limit: 50 }, feedback.error, refresh);

  // biome-ignore lint/correctness/useExhaustiveDependencies: refresh is a "load again" signal: the body need not read it, but a new value must refetch
  useEffect(() => {
    transferApi.pending().then(setWaiting, feedback.error);
  }, [refresh, feedback]);

  const decide = async () => {
    if (!deciding) return;
    setBusy(true);
    try {
      await transferApi.decide(deciding.row.id, { decision: deciding.decision, note: note.trim() || null });
      feedback.success(t(deciding.decision === 'accept' ? 'transfer.accepted' : 'transfer.refused'));
      setDeciding(null);
      setRefresh((n) => n + 1);
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(false);
    }
  };

  const withdraw = async (row: PersonTransfer) => {
    try {
      await transferApi.withdraw(row.id);
      feedback.success(t('transfer.withdrawn'));
      setRefresh((n) => n + 1);
    } catch (err) {
      feedback.error(err);
    }
  };

  const target = (row: PersonTransfer) => row.toAddress ?? row.toRegionName ?? '—';
  const statusTag = (row: PersonTransfer) => {
    const tag = (
      <Tag color={STATUS_COLOR[row.status]} data-testid={`transfer-status-${row.id}`}>
        {t(`transfer.status.${row.status}`)}
      </Tag>
    );
    const said = [row.decidedByName, formatTime(row.decidedAt, locale), row.decisionNote]
      .filter((x) => x && x !== '—')
      .join(' · ');
    return row.decidedAt ? <Tooltip title={said}>{tag}</Tooltip> : tag;
  };
  const actions = (row: PersonTransfer) => (
    <Space size={4} wrap>
      {row.canDecide && (
        <>
          <Button
            size="small"
            type="primary"
            onClick={() => {
              setNote('');
              setDeciding({ row, decision: 'accept' });
            }}
            data-testid={`transfer-accept-${row.id}`}
          >
            {t('transfer.accept')}
          </Button>
          <Button
            size="small"
            danger
            onClick={() => {
              setNote('');
              setDeciding({ row, decision: 'refuse' });
            }}
            data-testid={`transfer-refuse-${row.id}`}
          >
            {t('transfer.refuse')}
          </Button>
        </>
      )}
      {row.canWithdraw && (
        <Popconfirm
          title={t('transfer.withdrawConfirm')}
          onConfirm={() => withdraw(row)}
          okText={t('transfer.withdraw')}
          cancelText={t('common.cancel')}
        >
          <Button size="small" data-testid={`transfer-withdraw-${row.id}`}>
            {t('transfer.withdraw')}
          </Button>
        </Popconfirm>
      )}
      {row.decisionNote && !row.canDecide && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {row.decisionNote}
        </Typography.Text>
      )}
    </Space>
  );

  return (
    <Card size={mobile ? 'small' : undefined} title={t('transfer.title')}>
      <Typography.Paragraph type="secondary">
        {t('transfer.intro', { days: TRANSFER_EXPIRES_AFTER_DAYS })}
      </Typography.Paragraph>
      <Tabs
        activeKey={box}
        onChange={(key) => setParams({ box: key })}
        items={[
          {
            key: 'incoming',
            label: (
              <Badge count={waiting.incoming} size="small" offset={[8, -2]} data-testid="transfers-incoming">
                {t('transfer.incoming')}
              </Badge>
            ),
          },
          {
            key: 'outgoing',
            label: (
              <Badge
                count={waiting.outgoing}
                size="small"
                offset={[8, -2]}
                color="gold"
                data-testid="transfers-outgoing"
              >
                {t('transfer.outgoing')}
              </Badge>
            ),
          },
        ]}
        tabBarExtraContent={
          <Select<TransferStatus | undefined>
            allowClear
            data-testid="transfers-status"
            placeholder={t('transfer.allStatuses')}
            value={status}
            onChange={setStatus}
            options={STATUSES.map((s) => ({ value: s, label: t(`transfer.status.${s}`) }))}
            style={{ width: 130 }}
          />
        }
      />
      <PagedTable<PersonTransfer>
        list={list}
        data-testid="transfers-table"
        rowKey="id"
        size="middle"
        scroll={mobile ? undefined : { x: 1300 }}
        locale={{ emptyText: t('transfer.empty') }}
        onRow={(row) => ({ 'data-testid': `transfer-row-${row.id}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t('transfer.person'),
            key: 'person',
            width: 190,
            render: (_, row) => (
              <div>
                <Typography.Text strong>{row.name}</Typography.Text>
                <div style={{ fontSize: 12, color: '#666' }}>{row.idNumber ?? '—'}</div>
              </div>
            ),
          },
          ...(box === 'incoming'
            ? [
                {
                  title: t('transfer.from'),
                  key: 'from',
                  width: 190,
                  render: (_: unknown, row: PersonTransfer) => row.fromPlace ?? t('transfer.otherJurisdiction'),
                },
              ]
            : []),
          { title: t('transfer.to'), key: 'to', width: 200, render: (_, row) => target(row) },
          { title: t('transfer.reason'), dataIndex: 'reason', width: 200, render: (v: string | null) => v ?? '—' },
          {
            title: t('transfer.requested'),
            key: 'requested',
            width: 160,
            render: (_, row) => (
              <div style={{ fontSize: 12 }}>
                {row.requestedByName}
                <div style={{ color: '#666' }}>{formatTime(row.requestedAt, locale)}</div>
              </div>
            ),
          },
          {
            title: t('transfer.expires'),
            key: 'expires',
            width: 130,
            render: (_, row) => (row.status === 'pending' ? formatTime(row.expiresAt, locale) : '—'),
          },
          { title: t('transfer.status'), key: 'status', width: 90, render: (_, row) => statusTag(row) },
          { title: t('transfer.decision'), key: 'actions', width: 180, render: (_, row) => actions(row) },
        ]}
      />
      <Modal
        open={deciding !== null}
        title={
          deciding &&
          t(deciding.decision === 'accept' ? 'transfer.acceptTitle' : 'transfer.refuseTitle', {
            name: deciding.row.name,
            to: target(deciding.row),
          })
        }
        okText={deciding && t(deciding.decision === 'accept' ? 'transfer.accept' : 'transfer.refuse')}
        okButtonProps={
          { danger: deciding?.decision === 'refuse', loading: busy, 'data-testid': 'transfer-decide-ok' } as never
        }
        cancelText={t('common.cancel')}
        onOk={() => void decide()}
        onCancel={() => setDeciding(null)}
        destroyOnHidden
      >
        {deciding?.decision === 'accept' && <Typography.Paragraph>{t('transfer.acceptBody')}</Typography.Paragraph>}
        <Input.TextArea
          data-testid="transfer-note"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          placeholder={t('transfer.notePlaceholder')}
        />
      </Modal>
    </Card>
  );
}
