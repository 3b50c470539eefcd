import { Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import type { Pledge, PledgeUnit } from '../../../shared/pledges';
import type { Person } from '../../../shared/residents';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { SignatureCanvas, useSignaturePad } from '../../app/signature-pad';
import { pledgesApi } from './pledgesApi';

interface Values {
  unitId: string;
  personId: string;
  text: string;
}

/**
 * 代签/现场签署: the cadre picks the unit and the signer from the registry (a party member, a doctor,
 * a volunteer — anyone registered in their jurisdiction), shows the unit's text (editable for this
 * signer), and hands the tablet over: the person signs with a finger on the same pad as the public
 * page. The server checks the PNG and keeps the text as signed; the cadre is the audit's actor.
 */
export function OnSitePledgeModal({
  units,
  unitId,
  onClose,
  onSigned,
}: {
  units: PledgeUnit[];
  unitId?: string;
  onClose: () => void;
  onSigned: (pledge: Pledge) => void;
}) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [signature, setSignature] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const [saving, setSaving] = useState(false);
  const pad = useSignaturePad({
    onChange: (s) => {
      setSignature(s);
      if (s) setMissing(false);
    },
  });
  const first = units.find((u) => u.id === unitId) ?? units[0];
  const required = [{ required: true, message: t('pledgeSigning.required') }];

  const submit = async (v: Values) => {
    if (!signature) return setMissing(true);
    setSaving(true);
    try {
      onSigned(await pledgesApi.signOnSite({ ...v, signature }));
    } catch (err) {
      feedback.formError(form, err, { PERSON_NOT_FOUND: 'personId', PLEDGE_UNIT_NOT_FOUND: 'unitId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={720}
      title={t('pledgeSigning.title')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('pledgeSigning.submit')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'onsite-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ unitId: first?.id, text: first?.text }}
        onValuesChange={(changed: Partial<Values>) => {
          if (changed.unitId) form.setFieldValue('text', units.find((u) => u.id === changed.unitId)?.text ?? '');
        }}
      >
        <Form.Item name="unitId" label={t('pledgeSigning.unit')} rules={required}>
          <Select data-testid="onsite-unit" options={units.map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
        <Form.Item
          name="personId"
          label={t('pledgeSigning.person')}
          rules={required}
          extra={t('pledgeSigning.personHelp')}
        >
          <RemoteSelect<Person>
            path="/persons"
            toOption={(p) => ({
              value: p.id,
              label: `${p.name}（${[p.idNumber ?? p.phone, p.regionName].filter(Boolean).join(' · ')}）`,
            })}
            emptyText={t('pledgeSigning.noPersons')}
            placeholder={t('pledgeSigning.personPlaceholder')}
            data-testid="onsite-person"
          />
        </Form.Item>
        <Form.Item name="text" label={t('pledgeSigning.text')} rules={required}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} maxLength={2000} data-testid="onsite-text" />
        </Form.Item>
        <Typography.Text strong>{t('pledgeSigning.sign')}</Typography.Text>
        <SignatureCanvas pad={pad} testId="onsite-canvas" />
        <Space style={{ marginTop: 8 }}>
          <Button onClick={pad.clear} data-testid="onsite-clear">
            {t('pledgeSigning.clear')}
          </Button>
          {missing && (
            <Typography.Text type="danger" data-testid="onsite-missing">
              {t('pledgeSigning.signMissing')}
            </Typography.Text>
          )}
        </Space>
      </Form>
    </Modal>
  );
}
