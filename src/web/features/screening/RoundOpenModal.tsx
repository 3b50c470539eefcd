import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Modal, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import type { Round } from '../../../shared/screening';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { RegionPicker } from '../regions/RegionPicker';
import { screeningApi } from './screeningApi';
import { nameCount } from '../../app/nameInput';
import { countyToday } from '../../app/format';

interface RoundForm {
  name: string;
  dates: [Dayjs, Dayjs];
  regionIds: (string | null)[];
}

/** 开启排查轮次: a name, the days it runs, and the regions (one or more) whose every household is to be visited. */
export function RoundOpenModal({ onClose, onOpened }: { onClose: () => void; onOpened: (round: Round) => void }) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<RoundForm>();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    const values = await validated(form);
    if (!values) return;
    const regionIds = [...new Set(values.regionIds.filter((id): id is string => !!id))];
    setSaving(true);
    try {
      const round = await screeningApi.open({
        name: values.name.trim(),
        startDate: values.dates[0].format('YYYY-MM-DD'),
        endDate: values.dates[1].format('YYYY-MM-DD'),
        regionIds,
      });
      feedback.success(t('screening.opened'));
      onOpened(round);
    } catch (err) {
      feedback.formError(form, err, { REGION_NOT_FOUND: 'regionIds', OUT_OF_SCOPE: 'regionIds' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('screening.openTitle')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'round-submit' }}
      destroyOnHidden
    >
      <Form<RoundForm>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ dates: [countyToday(), countyToday().add(7, 'day')], regionIds: [me.region?.id ?? null] }}
      >
        <Form.Item
          name="name"
          label={t('screening.name')}
          htmlFor="round-name"
          rules={[{ required: true, whitespace: true, message: t('screening.nameRequired') }, { max: 100 }]}
        >
          <Input id="round-name" count={nameCount(100)} placeholder={t('screening.namePlaceholder')} autoFocus />
        </Form.Item>
        <Form.Item
          name="dates"
          label={t('screening.dates')}
          rules={[{ required: true, message: t('screening.datesRequired') }]}
        >
          <DatePicker.RangePicker
            id={{ start: 'round-start', end: 'round-end' }}
            format="YYYY-MM-DD"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.List
          name="regionIds"
          rules={[
            {
              validator: async (_, ids: (string | null)[]) => {
                if (!ids.some(Boolean)) throw new Error(t('screening.regionsRequired'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('screening.regions')} required>
              {fields.map((field, index) => (
                <Space.Compact key={field.key} style={{ width: '100%', marginBottom: 8 }}>
                  <Form.Item name={field.name} noStyle>
                    <RegionPicker id={`round-region-${index}`} valueLabel={index === 0 ? me.region?.name : undefined} />
                  </Form.Item>
                  {fields.length > 1 && (
                    <Button
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                      aria-label={t('common.delete')}
                    />
                  )}
                </Space.Compact>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add(null)} block>
                {t('screening.addRegion')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
