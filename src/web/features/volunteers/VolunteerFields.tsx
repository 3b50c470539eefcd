import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import type { AvailabilitySlot, HealthDeclaration, Skill } from '../../../shared/volunteers';
import { useI18n } from '../../app/i18n';
import { SKILL_LIST } from '../callouts/calloutsApi';
import { WEEKDAYS } from './volunteersApi';

/** The half hours a range may start or end on, and 24:00 for the end of the day. */
const TIMES = [
  ...Array.from({ length: 48 }, (_, i) => `${String(Math.floor(i / 2)).padStart(2, '0')}:${i % 2 ? '30' : '00'}`),
  '24:00',
];

export interface HealthValues {
  feverOrCough14Days: boolean;
  caseContact: boolean;
  riskAreaTravel: boolean;
  riskArea?: string;
  riskAreaReturnedOn?: Dayjs | null;
}

/** The form's health answers as the API takes them. */
export function healthBody(h: HealthValues): HealthDeclaration {
  return {
    feverOrCough14Days: h.feverOrCough14Days,
    caseContact: h.caseContact,
    riskAreaTravel: h.riskAreaTravel,
    riskArea: h.riskAreaTravel ? h.riskArea?.trim() || null : null,
    riskAreaReturnedOn: h.riskAreaTravel && h.riskAreaReturnedOn ? h.riskAreaReturnedOn.format('YYYY-MM-DD') : null,
  };
}

export const NO_SYMPTOMS: HealthValues = { feverOrCough14Days: false, caseContact: false, riskAreaTravel: false };

/** Skills, weekly time ranges and the health declaration: the fields a sign-up and an edit share. */
export function VolunteerFields({ withHealth = true }: { withHealth?: boolean }) {
  const { t } = useI18n();
  const yesNo = (
    <Radio.Group
      options={[
        { value: false, label: t('volunteers.no') },
        { value: true, label: t('volunteers.yes') },
      ]}
    />
  );
  return (
    <>
      <Form.Item name="skills" label={t('volunteers.skills')}>
        <Select<Skill[]>
          mode="multiple"
          data-testid="volunteer-skills"
          options={SKILL_LIST.map((s) => ({ value: s, label: t(`callouts.skill.${s}`) }))}
        />
      </Form.Item>
      <Form.Item label={t('volunteers.availability')}>
        <Form.List name="availability">
          {(fields, { add, remove }) => (
            <Space direction="vertical" style={{ width: '100%' }}>
              {fields.map((field) => (
                <Space key={field.key} wrap>
                  <Form.Item name={[field.name, 'weekday']} noStyle>
                    <Select
                      style={{ width: 90 }}
                      options={WEEKDAYS.map((d) => ({ value: d, label: t(`volunteers.day.${d}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[field.name, 'from']} noStyle>
                    <Select style={{ width: 90 }} options={TIMES.slice(0, -1).map((x) => ({ value: x, label: x }))} />
                  </Form.Item>
                  –
                  <Form.Item name={[field.name, 'to']} noStyle>
                    <Select style={{ width: 90 }} options={TIMES.slice(1).map((x) => ({ value: x, label: x }))} />
                  </Form.Item>
                  <Button icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                </Space>
              ))}
              <Button
                icon={<PlusOutlined />}
                onClick={() => add({ weekday: 1, from: '08:00', to: '12:00' } satisfies AvailabilitySlot)}
                data-testid="volunteer-add-slot"
              >
                {t('volunteers.addSlot')}
              </Button>
            </Space>
          )}
        </Form.List>
      </Form.Item>
      {withHealth && (
        <>
          <Form.Item name={['health', 'feverOrCough14Days']} label={t('volunteers.q.fever')}>
            {yesNo}
          </Form.Item>
          <Form.Item name={['health', 'caseContact']} label={t('volunteers.q.contact')}>
            {yesNo}
          </Form.Item>
          <Form.Item name={['health', 'riskAreaTravel']} label={t('volunteers.q.travel')}>
            {yesNo}
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.health?.riskAreaTravel !== b.health?.riskAreaTravel}>
            {({ getFieldValue }) =>
              getFieldValue(['health', 'riskAreaTravel']) ? (
                <Space wrap>
                  <Form.Item name={['health', 'riskArea']} label={t('volunteers.q.riskArea')}>
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item
                    name={['health', 'riskAreaReturnedOn']}
                    label={t('volunteers.q.returnedOn')}
                    rules={[{ required: true, message: t('volunteers.required') }]}
                  >
                    <DatePicker />
                  </Form.Item>
                </Space>
              ) : null
            }
          </Form.Item>
        </>
      )}
    </>
  );
}
