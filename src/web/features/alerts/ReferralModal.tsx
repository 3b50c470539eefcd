import { Alert as AntAlert, DatePicker, Descriptions, Form, Input, Modal, Radio, Spin } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { ReferralOutcome, type Referral } from '../../../shared/referrals';
import { api } from '../../app/api';
import { useFeedback, validated } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';

interface Values {
  facility?: string;
  referredAt: Dayjs;
  outcome?: ReferralOutcome;
  outcomeAt?: Dayjs | null;
  note?: string;
}

/**
 * 转诊记录: where and when the person was referred, and what the fever clinic found (排除 / 疑似 /
 * 确诊, with its time and a note). A suspected or confirmed finding opens the person's case for
 * tracing; recording a finding settles the alert.
 */
export function ReferralModal({
  referralId,
  onClose,
  onSaved,
}: {
  referralId: string;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [referral, setReferral] = useState<Referral | null>(null);
  const [saving, setSaving] = useState(false);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    api
      .get<Referral>(`/referrals/${referralId}`)
      .then(setReferral)
      .catch((err: unknown) => {
        feedback.error(err);
        closeRef.current();
      });
  }, [referralId, feedback]);

  const submit = async () => {
    if (!referral) return;
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      let saved = referral;
      const facility = values.facility?.trim();
      const referredAt = values.referredAt.toISOString();
      if ((facility && facility !== referral.facility) || Date.parse(referredAt) !== Date.parse(referral.referredAt)) {
        saved = await api.patch<Referral>(`/referrals/${referral.id}`, {
          ...(facility ? { facility } : {}),
          referredAt,
        });
      }
      if (values.outcome) {
        saved = await api.post<Referral>(`/referrals/${referral.id}/outcome`, {
          outcome: values.outcome,
          at: (values.outcomeAt ?? dayjs()).toISOString(),
          note: values.note?.trim() || null,
        });
      }
      setReferral(saved);
      feedback.success(t('common.saved'));
      onSaved();
      if (!saved.caseId || saved.outcome === 'excluded') onClose();
    } catch (err) {
      feedback.formError(form, err, { REFERRAL_TIME_INVALID: 'outcomeAt' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('referral.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'referral-save' }}
      destroyOnHidden
      width={560}
    >
      {!referral ? (
        <Spin />
      ) : (
        <>
          <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('alerts.person')}>
              {referral.personId ? (
                <Link to={`/persons?open=${referral.personId}`}>{referral.personName}</Link>
              ) : (
                referral.personName
              )}
            </Descriptions.Item>
            <Descriptions.Item label={t('referral.reason')}>{referral.reason}</Descriptions.Item>
            <Descriptions.Item label={t('referral.source')}>
              {t(`referral.source.${referral.sourceType}`)} · {referral.referredByName ?? '—'}
            </Descriptions.Item>
            {referral.outcome && (
              <Descriptions.Item label={t('referral.outcome')}>
                <span data-testid="referral-outcome">
                  {t(`referral.outcome.${referral.outcome}`)} · {formatTime(referral.outcomeAt, locale)}
                  {referral.outcomeNote ? ` · ${referral.outcomeNote}` : ''}
                </span>
              </Descriptions.Item>
            )}
          </Descriptions>
          {referral.caseId && referral.outcome !== 'excluded' && (
            <AntAlert
              type="error"
              showIcon
              style={{ marginBottom: 12 }}
              title={
                <Link to={`/cases/${referral.caseId}`} data-testid="referral-case">
                  {t('referral.caseOpened')}
                </Link>
              }
            />
          )}
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{
              facility: referral.facility ?? undefined,
              referredAt: dayjs(referral.referredAt),
              outcome: referral.outcome ?? undefined,
              outcomeAt: referral.outcomeAt ? dayjs(referral.outcomeAt) : null,
              note: referral.outcomeNote ?? undefined,
            }}
          >
            <div style={{ display: 'grid', gridTemplateColumns: '3fr 2fr', gap: 8 }}>
              <Form.Item name="facility" label={t('referral.facility')} htmlFor="referral-facility">
                <Input
                  id="referral-facility"
                  maxLength={100}
                  placeholder={t('referral.facilityPlaceholder')}
                  data-testid="referral-facility"
                />
              </Form.Item>
              <Form.Item name="referredAt" label={t('referral.referredAt')} rules={[{ required: true }]}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  allowClear={false}
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </div>
            <Form.Item name="outcome" label={t('referral.outcome')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                data-testid="referral-outcome-pick"
                options={ReferralOutcome.options.map((o) => ({ value: o, label: t(`referral.outcome.${o}`) }))}
              />
            </Form.Item>
            <div style={{ display: 'grid', gridTemplateColumns: '2fr 3fr', gap: 8 }}>
              <Form.Item name="outcomeAt" label={t('referral.outcomeAt')} extra={t('referral.outcomeAtHint')}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="note" label={t('referral.note')} htmlFor="referral-note">
                <Input.TextArea
                  id="referral-note"
                  maxLength={500}
                  autoSize={{ minRows: 1, maxRows: 3 }}
                  data-testid="referral-note"
                />
              </Form.Item>
            </div>
          </Form>
        </>
      )}
    </Modal>
  );
}
