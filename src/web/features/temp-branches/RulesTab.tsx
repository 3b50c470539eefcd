import { Button, Form, InputNumber, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { BranchRules } from '../../../shared/temp-branches';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { tempBranchesApi } from './tempBranchesApi';

const FIELDS = [
  ['stationMembers', 1, 100],
  ['rosterDays', 1, 60],
  ['compoundHouseholds', 1, 100_000],
  ['compoundResidents', 1, 1_000_000],
  ['minFormalMembers', 1, 100],
] as const;

/** The county's thresholds for the flags (admin and the organisation department). */
export function RulesTab({ onSaved }: { onSaved: () => void }) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<BranchRules>();
  const [loaded, setLoaded] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    tempBranchesApi
      .rules()
      .then((rules) => {
        form.setFieldsValue(rules);
        setLoaded(true);
      })
      .catch(feedback.error);
  }, [form, feedback]);
  const save = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      form.setFieldsValue(await tempBranchesApi.saveRules(v));
      feedback.success(t('tempBranches.rules.saved'));
      onSaved();
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setSaving(false);
    }
  };
  if (!loaded) return <Spin />;
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 420 }}>
      {FIELDS.map(([name, min, max]) => (
        <Form.Item
          key={name}
          name={name}
          label={t(`tempBranches.rules.${name}`)}
          rules={[{ required: true, message: t('tempBranches.required') }]}
        >
          <InputNumber min={min} max={max} precision={0} style={{ width: '100%' }} data-testid={`rule-${name}`} />
        </Form.Item>
      ))}
      <Button type="primary" onClick={save} loading={saving} data-testid="rules-save">
        {t('tempBranches.rules.save')}
      </Button>
    </Form>
  );
}
