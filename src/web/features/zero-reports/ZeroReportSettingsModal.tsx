import { Checkbox, Form, Input, Modal, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { ZERO_REPORT_UNIT_TYPES, type ZeroReportSettings } from '../../../shared/zero-reports';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { zeroReportApi } from './zeroReportApi';

/** 零报告设置 (admin, command centre): the daily deadline and which kinds of unit report. */
export function ZeroReportSettingsModal({ onClose }: { onClose: (saved: boolean) => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<ZeroReportSettings>();
  const [loaded, setLoaded] = useState<ZeroReportSettings | null>(null);
  const [busy, setBusy] = useState(false);
  const close = useRef(onClose);
  close.current = onClose;

  useEffect(() => {
    zeroReportApi
      .settings()
      .then(setLoaded)
      .catch((err: unknown) => {
        feedback.error(err);
        close.current(false);
      });
  }, [feedback]);

  const save = async () => {
    const values = await validated(form);
    if (!values) return;
    setBusy(true);
    try {
      await zeroReportApi.saveSettings(values);
      feedback.success(t('zeroReport.settings.saved'));
      onClose(true);
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t('zeroReport.settings.title')}
      onCancel={() => onClose(false)}
      onOk={() => void save()}
      confirmLoading={busy}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      {loaded ? (
        <Form form={form} layout="vertical" initialValues={loaded}>
          <Form.Item
            name="deadline"
            label={t('zeroReport.settings.deadline')}
            rules={[{ required: true, pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: 'HH:MM' }]}
          >
            <Input style={{ width: 120 }} placeholder="10:00" data-testid="zr-settings-deadline" />
          </Form.Item>
          <Form.Item
            name="unitKinds"
            label={t('zeroReport.settings.unitKinds')}
            rules={[{ required: true, type: 'array', min: 1 }]}
          >
            <Checkbox.Group
              options={ZERO_REPORT_UNIT_TYPES.map((k) => ({ value: k, label: t(`zeroReport.unitType.${k}`) }))}
            />
          </Form.Item>
        </Form>
      ) : (
        <Spin />
      )}
    </Modal>
  );
}
