import { Button, Card, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { LedgerEntry } from '../../../shared/supplies';
import { PagedTable } from '../../app/components/PagedTable';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { usePaged } from '../../app/usePaged';
import { suppliesApi } from './suppliesApi';

/**
 * 台账: the jurisdiction's ledger, newest first. Nothing on it is edited or deleted: a wrong entry is
 * corrected by a reversing entry with the reason (冲正), once.
 */
export function LedgerTab() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [refresh, setRefresh] = useState(0);
  const [reversing, setReversing] = useState<LedgerEntry | null>(null);
  const ledger = usePaged<LedgerEntry>('/supplies/ledger', {}, feedback.error, refresh);
  return (
    <Card title={t('desk.ledger')}>
      <PagedTable<LedgerEntry>
        list={ledger}
        rowKey="seq"
        size="small"
        scroll={{ x: true }}
        data-testid="supplies-ledger"
        columns={[
          { title: '#', dataIndex: 'seq' },
          { title: t('desk.at'), render: (_, e) => formatTime(e.at, locale) },
          { title: t('desk.kind'), render: (_, e) => <Tag>{t(`desk.kind.${e.kind}`)}</Tag> },
          { title: t('supplies.warehouse'), dataIndex: 'warehouseName' },
          {
            title: t('supplies.item'),
            render: (_, e) => `${e.itemName}${e.spec ? `（${e.spec}）` : ''}${e.batch ? ` ${e.batch}` : ''}`,
          },
          {
            title: t('supplies.quantity'),
            align: 'right',
            render: (_, e) => `${e.quantity > 0 ? '+' : ''}${e.quantity.toLocaleString(locale)} ${e.unit}`,
          },
          { title: t('desk.counterparty'), render: (_, e) => e.counterparty ?? '—' },
          {
            title: t('desk.reason'),
            render: (_, e) => (
              <>
                {e.reason ?? ''}
                {e.reversesSeq !== null && <Tag>{t('desk.reverses', { seq: e.reversesSeq })}</Tag>}
                {e.reversedBySeq !== null && <Tag color="orange">{t('desk.reversedBy', { seq: e.reversedBySeq })}</Tag>}
              </>
            ),
          },
          { title: t('desk.by'), render: (_, e) => e.actorName ?? '—' },
          {
            title: '',
            render: (_, e) =>
              e.kind !== 'reversal' && e.reversedBySeq === null ? (
                <Button size="small" danger onClick={() => setReversing(e)} data-testid={`reverse-${e.seq}`}>
                  {t('desk.reverse')}
                </Button>
              ) : null,
          },
        ]}
      />
      {reversing && (
        <ReverseModal
          entry={reversing}
          onClose={() => setReversing(null)}
          onSaved={() => {
            setReversing(null);
            setRefresh((n) => n + 1);
          }}
        />
      )}
    </Card>
  );
}

function ReverseModal({ entry, onClose, onSaved }: { entry: LedgerEntry; onClose: () => void; onSaved: () => void }) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      await suppliesApi.reverse(entry.seq, v.reason.trim());
      feedback.success(t('desk.reversed'));
      onSaved();
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('desk.reverseTitle', { seq: entry.seq })}
      onCancel={onClose}
      onOk={submit}
      okButtonProps={{ danger: true, 'data-testid': 'reverse-submit' }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('desk.reverseExplain', {
          item: entry.itemName,
          quantity: entry.quantity.toLocaleString(locale),
          unit: entry.unit,
          warehouse: entry.warehouseName,
        })}
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('desk.reason')}
          rules={[{ required: true, message: t('donations.required') }]}
        >
          <Input.TextArea id="reverse-reason" maxLength={500} autoSize={{ minRows: 2, maxRows: 4 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
