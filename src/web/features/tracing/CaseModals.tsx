import { DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { CaseClassification, CaseOutcome, type Case } from '../../../shared/tracing';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { PersonPicker } from './parts';
import { tracingApi, type CaseChangeBody } from './tracingApi';
import { countyToday } from '../../app/format';

interface Values {
  personId?: string;
  classification: Case['classification'];
  outcome: Case['outcome'];
  onsetDate: Dayjs | null;
  reportDate: Dayjs | null;
  treatedAt?: string;
  note?: string;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);
const FIELD_OF = {
  CASE_EXISTS: 'personId',
  PERSON_NOT_FOUND: 'personId',
  OUT_OF_SCOPE: 'personId',
  CASE_DATES_INVALID: 'onsetDate',
} as const;

function CaseFields({ withPerson }: { withPerson: boolean }) {
  const { t } = useI18n();
  const notFuture = (d: Dayjs) => d.isAfter(countyToday(), 'day');
  return (
    <>
      {withPerson && (
        <Form.Item
          name="personId"
          label={t('tracing.person')}
          rules={[{ required: true, message: t('tracing.required') }]}
          extra={t('tracing.personHint')}
        >
          <PersonPicker testId="case-person" />
        </Form.Item>
      )}
      <Form.Item
        name="classification"
        label={t('tracing.classification')}
        rules={[{ required: true, message: t('tracing.required') }]}
      >
        <Select
          data-testid="case-classification-select"
          options={CaseClassification.options.map((c) => ({ value: c, label: t(`tracing.classification.${c}`) }))}
        />
      </Form.Item>
      <Form.Item
        name="outcome"
        label={t('tracing.outcome')}
        rules={[{ required: true, message: t('tracing.required') }]}
      >
        <Select options={CaseOutcome.options.map((o) => ({ value: o, label: t(`tracing.outcome.${o}`) }))} />
      </Form.Item>
      <Form.Item name="onsetDate" label={t('tracing.onsetDate')}>
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item
        name="reportDate"
        label={t('tracing.reportDate')}
        rules={[{ required: true, message: t('tracing.required') }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={notFuture} />
      </Form.Item>
      <Form.Item name="treatedAt" label={t('tracing.treatedAt')}>
        <Input maxLength={100} placeholder={t('tracing.treatedAtPlaceholder')} />
      </Form.Item>
      <Form.Item name="note" label={t('tracing.note')}>
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </>
  );
}

/** 新增病例: a registered person, classification, outcome, onset and report dates, where treated. */
export function CaseCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (c: Case) => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const created = await tracingApi.createCase({
        personId: v.personId!,
        classification: v.classification,
        outcome: v.outcome,
        onsetDate: day(v.onsetDate),
        reportDate: day(v.reportDate)!,
        treatedAt: v.treatedAt?.trim() || null,
        note: v.note?.trim() || null,
      });
      feedback.success(t('tracing.caseCreated'));
      onCreated(created);
    } catch (err) {
      feedback.formError(form, err, FIELD_OF);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('tracing.createCase')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'case-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          classification: 'suspected',
          outcome: 'under_treatment',
          reportDate: countyToday(),
          onsetDate: null,
        }}
      >
        <CaseFields withPerson />
      </Form>
    </Modal>
  );
}

/** 变更: classification, outcome, dates, where treated; only what changed is sent (and kept in the history). */
export function CaseChangeModal({
  value,
  onClose,
  onChanged,
}: {
  value: Case;
  onClose: () => void;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const next = {
      classification: v.classification,
      outcome: v.outcome,
      onsetDate: day(v.onsetDate),
      reportDate: day(v.reportDate)!,
      treatedAt: v.treatedAt?.trim() || null,
      note: v.note?.trim() || null,
    };
    const body: CaseChangeBody = {};
    for (const key of Object.keys(next) as (keyof typeof next)[])
      if (next[key] !== value[key]) Object.assign(body, { [key]: next[key] });
    if (Object.keys(body).length === 0) return onClose();
    setSaving(true);
    try {
      await tracingApi.changeCase(value.id, body);
      feedback.success(t('common.saved'));
      onChanged();
    } catch (err) {
      feedback.formError(form, err, FIELD_OF);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('tracing.changeCase')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'case-change-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          classification: value.classification,
          outcome: value.outcome,
          onsetDate: value.onsetDate ? dayjs(value.onsetDate) : null,
          reportDate: dayjs(value.reportDate),
          treatedAt: value.treatedAt ?? '',
          note: value.note ?? '',
        }}
      >
        <CaseFields withPerson={false} />
      </Form>
    </Modal>
  );
}
