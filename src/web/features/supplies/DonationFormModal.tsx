import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, InputNumber, Modal, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import type { DonationDetail, Donor, DonorKind } from '../../../shared/donations';
import type { PartyMember } from '../../../shared/party';
import type { SupplyItem } from '../../../shared/supplies';
import { useMe } from '../../app/auth';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { RegionPicker } from '../regions/RegionPicker';
import { suppliesApi } from './suppliesApi';

const DONOR_KINDS: DonorKind[] = ['company', 'organisation', 'individual', 'anonymous'];
/** How money came; the Chinese name is what the donation keeps (and the public ledger prints). */
const CHANNELS = { bank: '银行转账', wechat: '微信', alipay: '支付宝', cash: '现金' } as const;

interface Values {
  donorId?: string;
  donorKind: DonorKind;
  donorName?: string;
  contactName?: string;
  phone?: string;
  partyMemberId?: string;
  regionId: string | null;
  donatedOn: string;
  kind: 'goods' | 'money';
  lines?: { itemId?: string; spec?: string; quantity?: number; declaredValue?: number | null }[];
  amount?: number;
  channel?: string;
  purpose: 'general' | 'designated';
  designatedTo?: string;
  note?: string;
}

/** Today as YYYY-MM-DD in the browser (the desk works in the county). */
const today = () => new Date().toLocaleDateString('sv-SE');

/**
 * 登记捐赠: who gave (a known donor found by name, or a new one — company, organisation, individual,
 * or someone who would not give a name), goods lines (item, specification, quantity, declared value)
 * or money with its channel, general or designated (定向) to a unit or use; a party member's donation
 * is linked to the member. Nothing is in stock until receiving counts it.
 */
export function DonationFormModal({
  items,
  onClose,
  onSaved,
}: {
  items: SupplyItem[];
  onClose: () => void;
  onSaved: (d: DonationDetail) => void;
}) {
  const me = useMe();
  const { t } = useI18n();
  const feedback = useFeedback();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const donorId = Form.useWatch('donorId', form);
  const donorKind = Form.useWatch('donorKind', form);
  const kind = Form.useWatch('kind', form);
  const purpose = Form.useWatch('purpose', form);
  const partyMemberId = Form.useWatch('partyMemberId', form);
  const required = [{ required: true, message: t('donations.required') }];
  const goods = items.filter((i) => i.status === 'active' && i.category !== 'money');

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    setSaving(true);
    try {
      const donor =
        v.donorId || (v.partyMemberId && !v.donorName?.trim() && v.donorKind !== 'anonymous')
          ? undefined
          : {
              kind: v.donorKind,
              name: v.donorName?.trim() || null,
              contactName: v.contactName?.trim() || null,
              phone: v.phone?.trim() || null,
            };
      const saved = await suppliesApi.register({
        donorId: v.donorId || undefined,
        donor,
        partyMemberId: v.partyMemberId || undefined,
        regionId: v.regionId!,
        donatedOn: v.donatedOn,
        purpose: v.purpose,
        designatedTo: v.purpose === 'designated' ? v.designatedTo?.trim() : null,
        note: v.note?.trim() || null,
        ...(v.kind === 'money'
          ? { money: { amount: v.amount!, channel: v.channel!.trim() } }
          : {
              lines: (v.lines ?? []).map((l) => ({
                itemId: l.itemId!,
                spec: l.spec?.trim() ?? '',
                quantity: l.quantity!,
                declaredValue: l.declaredValue ?? null,
              })),
            }),
      });
      feedback.success(t('donations.registered'));
      onSaved(saved);
    } catch (err) {
      feedback.formError(form, err, { DONOR_NOT_FOUND: 'donorId', REGION_NOT_FOUND: 'regionId' });
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      width={760}
      title={t('donations.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t('donations.register')}
      okButtonProps={{ 'data-testid': 'donation-submit' }}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          donorKind: 'company',
          regionId: me.region?.id ?? null,
          donatedOn: today(),
          kind: 'goods',
          purpose: 'general',
          lines: [{ spec: '' }],
        }}
      >
        <Form.Item name="donorId" label={t('donations.knownDonor')} extra={t('donations.knownDonorHint')}>
          <RemoteSelect<Donor>
            path="/donations/donors"
            allowClear
            toOption={(d) => ({
              value: d.id,
              label: `${d.name ?? d.publicName}（${t(`donations.donorKind.${d.kind}`)}）`,
            })}
            emptyText={t('donations.noDonors')}
            placeholder={t('donations.searchDonor')}
            data-testid="donation-known-donor"
          />
        </Form.Item>
        {!donorId && (
          <Space wrap align="start">
            <Form.Item name="donorKind" label={t('donations.donorKind')} rules={required}>
              <Radio.Group
                optionType="button"
                options={DONOR_KINDS.map((k) => ({ value: k, label: t(`donations.donorKind.${k}`) }))}
              />
            </Form.Item>
            <Form.Item
              name="donorName"
              label={donorKind === 'anonymous' ? t('donations.anonymousName') : t('donations.donorName')}
              rules={donorKind === 'anonymous' || partyMemberId ? [] : required}
              extra={donorKind === 'anonymous' ? t('donations.anonymousHint') : undefined}
            >
              <Input id="donorName" maxLength={100} style={{ width: 260 }} />
            </Form.Item>
            {donorKind !== 'anonymous' && (
              <>
                <Form.Item name="contactName" label={t('donations.contactName')}>
                  <Input maxLength={50} style={{ width: 140 }} />
                </Form.Item>
                <Form.Item name="phone" label={t('donations.phone')}>
                  <Input maxLength={11} style={{ width: 140 }} />
                </Form.Item>
              </>
            )}
          </Space>
        )}
        {can.readParty(me.role) && (
          <Form.Item name="partyMemberId" label={t('donations.partyMember')} extra={t('donations.partyMemberHint')}>
            <RemoteSelect<PartyMember>
              path="/party/members"
              allowClear
              toOption={(m) => ({ value: m.id, label: `${m.name}（${m.organisationName}）` })}
              emptyText={t('donations.noMembers')}
              placeholder={t('donations.searchMember')}
            />
          </Form.Item>
        )}
        <Space wrap align="start">
          <Form.Item name="regionId" label={t('donations.receivingUnit')} rules={required}>
            <RegionPicker valueLabel={me.region?.name} />
          </Form.Item>
          <Form.Item name="donatedOn" label={t('donations.donatedOn')} rules={required}>
            <Input type="date" id="donatedOn" />
          </Form.Item>
          <Form.Item name="kind" label={t('donations.kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'goods', label: t('donations.kind.goods') },
                { value: 'money', label: t('donations.kind.money') },
              ]}
            />
          </Form.Item>
        </Space>
        {kind === 'money' ? (
          <Space wrap align="start">
            <Form.Item name="amount" label={t('donations.amount')} rules={required}>
              <InputNumber id="amount" min={1} precision={0} style={{ width: 180 }} />
            </Form.Item>
            <Form.Item name="channel" label={t('donations.channel')} rules={required}>
              <Select
                id="channel"
                style={{ width: 160 }}
                options={Object.entries(CHANNELS).map(([key, value]) => ({
                  value,
                  label: t(`donations.channel.${key as keyof typeof CHANNELS}`),
                }))}
              />
            </Form.Item>
          </Space>
        ) : (
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="start" wrap data-testid={`donation-line-${f.name}`}>
                    <Form.Item name={[f.name, 'itemId']} label={t('donations.item')} rules={required}>
                      <Select
                        showSearch={{ optionFilterProp: 'label' }}
                        style={{ width: 200 }}
                        options={goods.map((i) => ({ value: i.id, label: `${i.name}（${i.unit}）` }))}
                      />
                    </Form.Item>
                    <Form.Item name={[f.name, 'spec']} label={t('donations.spec')}>
                      <Input maxLength={100} style={{ width: 140 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'quantity']} label={t('donations.quantity')} rules={required}>
                      <InputNumber min={1} precision={0} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'declaredValue']} label={t('donations.declaredValue')}>
                      <InputNumber min={0} precision={0} style={{ width: 120 }} />
                    </Form.Item>
                    {fields.length > 1 && (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        style={{ marginTop: 30 }}
                        aria-label={t('donations.removeLine')}
                        onClick={() => remove(f.name)}
                      />
                    )}
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ spec: '' })} style={{ marginBottom: 16 }}>
                  {t('donations.addLine')}
                </Button>
              </>
            )}
          </Form.List>
        )}
        <Space wrap align="start">
          <Form.Item name="purpose" label={t('donations.purpose')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'general', label: t('donations.purpose.general') },
                { value: 'designated', label: t('donations.purpose.designated') },
              ]}
            />
          </Form.Item>
          {purpose === 'designated' && (
            <Form.Item name="designatedTo" label={t('donations.designatedTo')} rules={required}>
              <Input maxLength={100} style={{ width: 260 }} placeholder={t('donations.designatedToHint')} />
            </Form.Item>
          )}
        </Space>
        <Form.Item name="note" label={t('donations.note')}>
          <Input.TextArea maxLength={500} autoSize={{ minRows: 1, maxRows: 3 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
