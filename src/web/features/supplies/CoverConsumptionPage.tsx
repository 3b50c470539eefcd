import { Alert, Button, Card, Form, Input, InputNumber, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { ConsumptionEntry, ConsumptionSite } from '../../../shared/supplies-cover';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { countyTime, coverApi } from './coverApi';

interface Values {
  warehouseId: string;
  itemId: string;
  quantity: number;
  shift?: string;
  note?: string;
}

/**
 * 消耗登记 for a site's staff, on a phone: pick the site's warehouse and the item, type what the
 * shift used; it leaves the warehouse as consumption entries (earliest expiry first). The site's
 * latest reports are listed below.
 */
export default function CoverConsumptionPage() {
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [sites, setSites] = useState<ConsumptionSite[] | null>(null);
  const [recent, setRecent] = useState<ConsumptionEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const warehouseId = Form.useWatch('warehouseId', form);
  const site = sites?.find((s) => s.id === warehouseId);

  const loadSites = useCallback(
    () =>
      coverApi
        .sites()
        .then((list) => {
          setSites(list);
          if (list.length === 1 && !form.getFieldValue('warehouseId')) form.setFieldValue('warehouseId', list[0]!.id);
        })
        .catch((err: unknown) => {
          setSites([]);
          feedback.error(err);
        }),
    [feedback, form],
  );
  useEffect(() => {
    void loadSites();
  }, [loadSites]);
  useEffect(() => {
    if (!warehouseId) return setRecent([]);
    coverApi.recent(warehouseId).then(setRecent, feedback.error);
  }, [warehouseId, feedback]);

  const submit = async (values: Values) => {
    setBusy(true);
    try {
      const r = await coverApi.report({ ...values, shift: values.shift || null, note: values.note || null });
      feedback.success(t('cover.reported', { item: r.itemName, left: r.left.toLocaleString(locale), unit: r.unit }));
      form.setFieldsValue({ quantity: undefined, note: undefined });
      await loadSites();
      setRecent(await coverApi.recent(r.warehouseId));
    } catch (err) {
      feedback.formError(form, err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%', maxWidth: 560 }} size="middle">
      <Card title={t('cover.report.title')}>
        <Typography.Paragraph type="secondary">{t('cover.report.hint')}</Typography.Paragraph>
        {sites?.length === 0 && <Alert type="info" showIcon message={t('cover.noSites')} />}
        <Form<Values> form={form} layout="vertical" size="large" onFinish={submit} data-testid="consumption-form">
          <Form.Item name="warehouseId" label={t('cover.site')} rules={[{ required: true }]}>
            <Select
              loading={sites === null}
              data-testid="consumption-site"
              onChange={() => form.setFieldValue('itemId', undefined)}
              options={(sites ?? []).map((s) => ({
                value: s.id,
                label: `${s.name}${s.regionName ? `（${s.regionName}）` : ''}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="itemId" label={t('cover.item')} rules={[{ required: true }]}>
            <Select
              data-testid="consumption-item"
              notFoundContent={site ? t('cover.noStock') : undefined}
              options={(site?.stock ?? []).map((s) => ({
                value: s.itemId,
                label: `${s.itemName} · ${t('cover.inStock', { quantity: s.quantity.toLocaleString(locale), unit: s.unit })}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="quantity" label={t('cover.quantity')} rules={[{ required: true }]}>
            <InputNumber
              min={1}
              max={1_000_000}
              precision={0}
              style={{ width: '100%' }}
              inputMode="numeric"
              data-testid="consumption-quantity"
            />
          </Form.Item>
          <Form.Item name="shift" label={t('cover.shift')}>
            <Radio.Group optionType="button" buttonStyle="solid">
              {(['morning', 'day', 'night'] as const).map((s) => (
                <Radio.Button key={s} value={t(`cover.shift.${s}`)}>
                  {t(`cover.shift.${s}`)}
                </Radio.Button>
              ))}
            </Radio.Group>
          </Form.Item>
          <Form.Item name="note" label={t('cover.note')}>
            <Input maxLength={200} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="consumption-submit">
            {t('cover.submit')}
          </Button>
        </Form>
      </Card>
      {warehouseId && (
        <Card title={t('cover.recent')} size="small">
          <List
            data-testid="consumption-recent"
            dataSource={recent}
            locale={{ emptyText: t('cover.recent.empty') }}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <span>{countyTime(e.at, locale)}</span>
                  <b>
                    {e.itemName} {e.quantity.toLocaleString(locale)} {e.unit}
                  </b>
                  {e.shift && <span>{e.shift}</span>}
                  {e.reporter && <Typography.Text type="secondary">{e.reporter}</Typography.Text>}
                  {e.reversed && <Tag>{t('cover.reversed')}</Tag>}
                </Space>
              </List.Item>
            )}
          />
        </Card>
      )}
    </Space>
  );
}
