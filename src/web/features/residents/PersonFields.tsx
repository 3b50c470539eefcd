import { Col, DatePicker, Form, Input, Radio, Row, Select, Switch, type FormInstance } from 'antd';
import { IdType, Relation, Transport, type PersonTag } from '../../../shared/residents';
import { MOBILE_PATTERN } from '../../../shared/validators';
import { useI18n } from '../../app/i18n';
import { HouseholdSelect } from '../households/HouseholdSelect';
import { RegionPicker } from '../regions/RegionPicker';
import { derivedFacts, idNumberMessage, normaliseIdNumber, type PersonFormValues } from './personFormModel';
import { tagOptionRender, tagRender, useTagOptions } from './PersonTags';
import { countyToday } from '../../app/format';

interface Props {
  form: FormInstance<PersonFormValues>;
  householdLabel?: string | null;
  regionLabel?: string | null;
}

const DATE = 'YYYY-MM-DD';

/**
 * The fields of the person form. Birth date and sex are read from a valid ID number as soon as
 * its 18th character is typed (and locked, since the server refuses a mismatch); a wrong check
 * digit is reported right there.
 */
export function PersonFields({ form, householdLabel, regionLabel }: Props) {
  const { t } = useI18n();
  const tagOptions = useTagOptions();
  const idType = Form.useWatch('idType', form) ?? 'resident_id';
  const idNumber = Form.useWatch('idNumber', form);
  const householdId = Form.useWatch('householdId', form);
  const tags: PersonTag[] = Form.useWatch('tags', form) ?? [];
  const facts = derivedFacts(idType, idNumber);
  const fromId = facts ? t('personForm.fromId') : undefined;

  return (
    <>
      <Form.Item
        name="name"
        label={t('persons.name')}
        htmlFor="person-name"
        rules={[{ required: true, whitespace: true, message: t('personForm.nameRequired') }, { max: 50 }]}
      >
        <Input id="person-name" maxLength={50} autoComplete="off" autoFocus />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={9}>
          <Form.Item name="idType" label={t('persons.idType')} htmlFor="person-idType">
            <Select id="person-idType" options={IdType.options.map((v) => ({ value: v, label: t(`idType.${v}`) }))} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={15}>
          <Form.Item
            name="idNumber"
            label={t('persons.idNumber')}
            htmlFor="person-idNumber"
            normalize={(v: string | undefined) => normaliseIdNumber(v)}
            validateTrigger={['onChange', 'onBlur']}
            dependencies={['idType']}
            rules={[
              {
                validateTrigger: 'onChange',
                validator: async (_, v?: string) => {
                  const m = idNumberMessage(t, form.getFieldValue('idType') ?? 'resident_id', v, false);
                  if (m) throw new Error(m);
                },
              },
              {
                validateTrigger: 'onBlur',
                validator: async (_, v?: string) => {
                  const m = idNumberMessage(t, form.getFieldValue('idType') ?? 'resident_id', v, true);
                  if (m) throw new Error(m);
                },
              },
            ]}
          >
            <Input
              id="person-idNumber"
              maxLength={idType === 'passport' ? 20 : 18}
              autoComplete="off"
              inputMode={idType === 'passport' ? 'text' : 'numeric'}
              style={{ fontVariantNumeric: 'tabular-nums' }}
            />
          </Form.Item>
        </Col>
      </Row>
      {idType === 'passport' && (
        <Form.Item
          name="nationality"
          label={t('persons.nationality')}
          htmlFor="person-nationality"
          rules={[{ required: true, whitespace: true, message: t('personForm.nationalityRequired') }]}
        >
          <Input id="person-nationality" maxLength={50} />
        </Form.Item>
      )}
      <Row gutter={12}>
        <Col xs={12} sm={9}>
          <Form.Item name="sex" label={t('persons.sex')} htmlFor="person-sex" extra={fromId}>
            <Radio.Group
              id="person-sex"
              disabled={!!facts}
              optionType="button"
              options={(['M', 'F'] as const).map((s) => ({ value: s, label: t(`sex.${s}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={12} sm={15}>
          <Form.Item name="birthDate" label={t('persons.birthDate')} htmlFor="person-birthDate" extra={fromId}>
            <DatePicker
              id="person-birthDate"
              format={DATE}
              disabled={!!facts}
              disabledDate={(d) => d.isAfter(countyToday(), 'day')}
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item
        name="phone"
        label={t('persons.phone')}
        htmlFor="person-phone"
        rules={[{ pattern: MOBILE_PATTERN, message: t('phone.invalid') }]}
      >
        <Input id="person-phone" inputMode="tel" maxLength={11} autoComplete="off" />
      </Form.Item>
      <Form.Item name="householdId" label={t('persons.household')} htmlFor="person-household">
        <HouseholdSelect id="person-household" valueLabel={householdLabel} />
      </Form.Item>
      {householdId ? (
        <Form.Item name="relation" label={t('persons.relation')} htmlFor="person-relation">
          <Select
            id="person-relation"
            allowClear
            options={Relation.options.map((r) => ({ value: r, label: t(`relation.${r}`) }))}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="regionId"
          label={t('persons.region')}
          htmlFor="person-region"
          extra={t('personForm.regionHint')}
          rules={[{ required: true, message: t('personForm.placeRequired') }]}
        >
          <RegionPicker id="person-region" valueLabel={regionLabel} />
        </Form.Item>
      )}
      <Form.Item name="tags" label={t('persons.tags')} htmlFor="person-tags">
        <Select
          id="person-tags"
          mode="multiple"
          allowClear
          options={tagOptions}
          optionRender={tagOptionRender}
          tagRender={tagRender}
          placeholder={t('personForm.tagsPlaceholder')}
        />
      </Form.Item>
      {tags.includes('returnee') && <ReturneeFields />}
      <Form.Item name="away" label={t('persons.away')} valuePropName="checked" htmlFor="person-away">
        <Switch id="person-away" />
      </Form.Item>
      <Form.Item name="note" label={t('persons.note')} htmlFor="person-note">
        <Input.TextArea id="person-note" maxLength={500} autoSize={{ minRows: 1, maxRows: 4 }} />
      </Form.Item>
    </>
  );
}

/** 返乡信息: where from, when, how (train, plane, coach …) and the train, flight or plate. */
function ReturneeFields() {
  const { t } = useI18n();
  return (
    <fieldset
      style={{
        border: '1px solid #ffe58f',
        background: '#fffbe6',
        borderRadius: 6,
        padding: '8px 12px 0',
        margin: '0 0 16px',
      }}
    >
      <legend style={{ width: 'auto', padding: '0 6px', fontSize: 14, margin: 0, border: 0 }}>
        {t('persons.returnee')}
      </legend>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['returnee', 'from']}
            label={t('persons.returneeFrom')}
            htmlFor="person-returnee-from"
            rules={[{ required: true, whitespace: true, message: t('personForm.fromRequired') }]}
          >
            <Input id="person-returnee-from" maxLength={100} placeholder="湖北省武汉市" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['returnee', 'arrivalDate']}
            label={t('persons.arrivalDate')}
            htmlFor="person-returnee-arrival"
            rules={[{ required: true, message: t('personForm.arrivalRequired') }]}
          >
            <DatePicker id="person-returnee-arrival" format={DATE} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name={['returnee', 'transport']}
            label={t('persons.transport')}
            htmlFor="person-returnee-transport"
            rules={[{ required: true, message: t('personForm.transportRequired') }]}
          >
            <Select
              id="person-returnee-transport"
              options={Transport.options.map((v) => ({ value: v, label: t(`transport.${v}`) }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name={['returnee', 'transportNo']} label={t('persons.transportNo')} htmlFor="person-returnee-no">
            <Input id="person-returnee-no" maxLength={30} placeholder="G1234 / 晋C60695" />
          </Form.Item>
        </Col>
      </Row>
    </fieldset>
  );
}
