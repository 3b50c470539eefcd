import { Alert, App, Button, Drawer, Form, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Person } from '../../../shared/residents';
import { ApiError } from '../../app/api';
import { useMe } from '../../app/auth';
import { useFeedback, validated } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { useIsMobile } from '../../app/useIsMobile';
import { DuplicateWarning } from './DuplicateWarning';
import { RegisteredElsewhere } from './RegisteredElsewhere';
import { PersonFields } from './PersonFields';
import { derivedFacts, fromPerson, toBody, type PersonFormValues } from './personFormModel';
import { householdApi, householdLabel, personApi } from './residentApi';
import { transferApi } from './transferApi';

interface Props {
  /** The person to correct; absent to register someone. */
  editing?: Person | null;
  /** Register into this household (the picker starts on it). */
  household?: { id: string; label: string } | null;
  onClose: () => void;
  onSaved: (person: Person) => void;
  /** "打开已有记录" on a likely duplicate; by default the persons page opens it. */
  onOpenExisting?: (person: Person) => void;
}

/**
 * 登记人员 / 修改人员信息. A new person whose ID number is already registered in the user's
 * jurisdiction updates that record ("已更新已登记人员"); under another name it is refused; one
 * registered in another jurisdiction is left alone and the form offers a transfer request
 * (RegisteredElsewhere). One resembling a registered person (same name and birth date or phone) is
 * held back until the user confirms it is someone else. Correcting a record fetches the full ID
 * number and phone first (an audited reveal), since the API replaces the whole record.
 */
export function PersonFormDrawer({ editing, household, onClose, onSaved, onOpenExisting }: Props) {
  const me = useMe();
  const { t } = useI18n();
  const { message } = App.useApp();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const navigate = useNavigate();
  const [form] = Form.useForm<PersonFormValues>();
  const [saving, setSaving] = useState(false);
  const [ready, setReady] = useState(!editing);
  const [duplicates, setDuplicates] = useState<Person[] | null>(null);
  /** the answer PERSON_REGISTERED_ELSEWHERE: whether the user's own request is already pending */
  const [elsewhere, setElsewhere] = useState<{ pending: boolean } | null>(null);
  const [filing, setFiling] = useState(false);
  const [householdName, setHouseholdName] = useState<string | null>(household?.label ?? null);
  const top = useRef<HTMLDivElement>(null);
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  // Correcting a record: fetch the full ID number and phone (audited) and the household's name, once.
  useEffect(() => {
    if (!editing) return;
    let cancelled = false;
    Promise.all([
      editing.idNumber ? personApi.reveal(editing.id, 'idNumber') : null,
      editing.phone ? personApi.reveal(editing.id, 'phone') : null,
      editing.householdId ? householdApi.get(editing.householdId).then(householdLabel) : null,
    ])
      .then(([idNumber, phone, label]) => {
        if (cancelled) return;
        setHouseholdName(label);
        form.setFieldsValue(fromPerson(editing, { idNumber, phone }));
        setReady(true);
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        feedback.error(err);
        closeRef.current();
      });
    return () => {
      cancelled = true;
    };
  }, [editing, form, feedback]);

  // The warning sits above the form: bring it into view when it appears.
  useEffect(() => {
    if (duplicates || elsewhere) top.current?.scrollIntoView({ block: 'start' });
  }, [duplicates, elsewhere]);

  const onValuesChange = (changed: Partial<PersonFormValues>, all: PersonFormValues) => {
    if (!('idNumber' in changed) && !('idType' in changed)) return;
    setElsewhere(null);
    const facts = derivedFacts(all.idType, all.idNumber);
    if (facts) form.setFieldsValue({ birthDate: dayjs(facts.birthDate), sex: facts.sex });
  };

  const submit = async (confirmNotDuplicate = false) => {
    const values = await validated(form);
    if (!values) return;
    setSaving(true);
    try {
      const body = toBody(values, confirmNotDuplicate);
      if (editing) {
        const person = await personApi.update(editing.id, body);
        feedback.success(t('common.saved'));
        onSaved(person);
      } else {
        const { person, matchedExisting } = await personApi.register(body);
        if (matchedExisting)
          message.info({ content: <span data-testid="person-matched">{t('personForm.matched')}</span> });
        else feedback.success(t('personForm.created'));
        onSaved(person);
      }
    } catch (err) {
      onError(err);
    } finally {
      setSaving(false);
    }
  };

  /** 迁入申请: the registration just refused, sent again as a request to the person's jurisdiction. */
  const requestTransfer = async (reason: string) => {
    const values = await validated(form);
    if (!values) return;
    setFiling(true);
    try {
      const { confirmNotDuplicate: _confirm, ...body } = toBody(values, false);
      await transferApi.request({ ...body, idNumber: body.idNumber ?? '', reason: reason || null });
      feedback.success(t('transfer.filed'));
      setElsewhere({ pending: true });
    } catch (err) {
      if (err instanceof ApiError && err.code === 'TRANSFER_PENDING') setElsewhere({ pending: true });
      else onError(err);
    } finally {
      setFiling(false);
    }
  };

  const onError = (err: unknown) => {
    if (!(err instanceof ApiError)) return feedback.error(err);
    const details = (err.details ?? {}) as {
      candidates?: Person[];
      sameIdNumber?: boolean;
      fromIdNumber?: { birthDate: string; sex: 'M' | 'F' };
      transferRequest?: 'available' | 'pending';
    };
    if (err.code === 'LIKELY_DUPLICATE' && details.candidates?.length) {
      setDuplicates(details.candidates);
      return;
    }
    if (err.code === 'PERSON_REGISTERED_ELSEWHERE') {
      setDuplicates(null);
      setElsewhere({ pending: details.transferRequest === 'pending' });
      return;
    }
    if (err.code === 'ID_NUMBER_NAME_MISMATCH') {
      form.setFields([
        { name: 'name', errors: [t('personForm.nameMismatch')] },
        { name: 'idNumber', errors: [t('personForm.nameMismatch')] },
      ]);
      form.scrollToField('name', { block: 'center' });
      return;
    }
    const idError =
      err.code === 'LIKELY_DUPLICATE' && details.sameIdNumber
        ? t('personForm.sameIdNumber')
        : err.code === 'ID_NUMBER_MISMATCH' && details.fromIdNumber
          ? t('personForm.idMismatch', {
              birthDate: details.fromIdNumber.birthDate,
              sex: t(`sex.${details.fromIdNumber.sex}`),
            })
          : err.code === 'ID_NUMBER_INVALID'
            ? err.message
            : null;
    if (idError) {
      form.setFields([{ name: 'idNumber', errors: [idError] }]);
      form.scrollToField('idNumber', { block: 'center' });
      return;
    }
    feedback.formError(form, err, {
      HOUSEHOLD_NOT_FOUND: 'householdId',
      REGION_NOT_FOUND: 'regionId',
      REGION_RETIRED: 'regionId',
      OUT_OF_SCOPE: 'regionId',
    });
  };

  const openExisting = (person: Person) => {
    onClose();
    if (onOpenExisting) onOpenExisting(person);
    else navigate(`/persons?open=${person.id}`);
  };

  const initialValues: Partial<PersonFormValues> = {
    idType: 'resident_id',
    away: false,
    tags: [],
    householdId: household?.id ?? null,
    regionId: me.region?.id ?? null,
  };

  return (
    <Drawer
      open
      title={editing ? t('personForm.editTitle') : t('personForm.addTitle')}
      onClose={onClose}
      size={mobile ? '100%' : 560}
      destroyOnHidden
      footer={
        <Space style={{ width: '100%', justifyContent: 'flex-end' }}>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button
            type="primary"
            loading={saving}
            disabled={!ready}
            onClick={() => void submit(false)}
            data-testid="person-submit"
          >
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      <div ref={top} />
      {editing && <Alert type="info" showIcon title={t('personForm.revealForEdit')} style={{ marginBottom: 16 }} />}
      {elsewhere && (
        <RegisteredElsewhere
          pending={elsewhere.pending}
          filing={filing}
          onRequest={(reason) => void requestTransfer(reason)}
        />
      )}
      {duplicates && (
        <DuplicateWarning
          candidates={duplicates}
          saving={saving}
          onConfirm={() => void submit(true)}
          onOpen={openExisting}
        />
      )}
      <Spin spinning={!ready}>
        <Form<PersonFormValues>
          form={form}
          layout="vertical"
          initialValues={initialValues}
          onValuesChange={onValuesChange}
          onFinish={() => void submit(false)}
          data-testid="person-form"
        >
          <PersonFields
            form={form}
            householdLabel={householdName}
            regionLabel={editing?.regionName ?? me.region?.name}
          />
          <button type="submit" hidden />
        </Form>
      </Spin>
    </Drawer>
  );
}
