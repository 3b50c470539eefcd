import { CheckOutlined, CloseOutlined, MedicineBoxOutlined, ReloadOutlined, UserAddOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Form,
  InputNumber,
  List,
  Modal,
  Popover,
  Radio,
  Space,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { useCallback, useEffect, useState, type HTMLAttributes } from 'react';
import { ERROR_CATALOGUE, type ErrorCode } from '../../../shared/errors';
import type { IsolationKind } from '../../../shared/isolation';
import type { Candidate, Case } from '../../../shared/tracing';
import { useMe } from '../../app/auth';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { can } from '../../app/permissions';
import { useIsMobile } from '../../app/useIsMobile';
import { DefaultObserverHint } from '../isolation/DefaultObserverHint';
import { ObserverSelect, SiteSelect } from '../isolation/pickers';
import { ManualContactModal } from './ManualContactModal';
import { tracingApi, localDay, type Decisions, type DecisionsBody } from './tracingApi';

type Reason = Candidate['reasons'][number];
interface IsolateOptions {
  kind: Extract<IsolationKind, 'home' | 'centralised'>;
  siteId?: string;
  observerId?: string | null;
}

/** The accepted contact built from a candidate's strongest reason (the list comes sorted, strongest first). */
function acceptOf(c: Candidate): NonNullable<DecisionsBody['accept']>[number] {
  const r = c.reasons[0]!;
  return {
    personId: c.personId!,
    exposureType: r.type,
    sourceType: r.sourceType,
    sourceId: r.sourceId,
    exposureDate: localDay(r.at),
    closeness: 'close',
  };
}

/** A row's key: the person, or for someone not registered their first checkpoint record. */
const keyOf = (c: Candidate) => c.personId ?? `occupant:${c.occupants[0]?.passageId}:${c.occupants[0]?.seq}`;

/**
 * 密接候选: who Qunfang proposes as contacts of the case, each with why (the record that shows
 * it). The tracer selects rows and accepts them — putting them into isolation in the same action
 * — or rejects them, or adds a contact by hand. The exposure window (days before onset) and the
 * ± hours for the same vehicle elsewhere are adjustable. Someone a checkpoint recorded by name
 * only (no ID number, no phone) is listed too, marked not registered, with a one-click register.
 */
export function CandidatesTab({ theCase, onDecided }: { theCase: Case; onDecided: () => void }) {
  const me = useMe();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const [days, setDays] = useState(14);
  const [hours, setHours] = useState(3);
  const [data, setData] = useState<{ items: Candidate[]; outsideScope: number } | null>(null);
  const [loading, setLoading] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  const [busy, setBusy] = useState<'isolate' | 'accept' | 'reject' | null>(null);
  const [registering, setRegistering] = useState<string | null>(null);
  const [isolateOpen, setIsolateOpen] = useState(false);
  const [manual, setManual] = useState(false);
  const [result, setResult] = useState<Decisions | null>(null);
  const [options] = Form.useForm<IsolateOptions>();
  const kind = Form.useWatch('kind', options);
  const siteId = Form.useWatch('siteId', options) as string | undefined;
  const observerId = Form.useWatch('observerId', options) as string | undefined;

  const load = useCallback(() => {
    setLoading(true);
    tracingApi
      .candidates(theCase.id, { days, hours })
      .then((d) => {
        setData(d);
        setSelected((prev) => prev.filter((id) => d.items.some((c) => c.personId === id)));
      })
      .catch(feedback.error)
      .finally(() => setLoading(false));
  }, [theCase.id, days, hours, feedback]);
  useEffect(load, [load]);

  const nameOf = (personId: string) => data?.items.find((c) => c.personId === personId)?.name ?? personId;
  const chosen = (data?.items ?? []).filter((c) => c.personId && selected.includes(c.personId));
  const unregistered = (data?.items ?? []).filter((c) => !c.personId).length;

  const register = async (c: Candidate) => {
    setRegistering(keyOf(c));
    try {
      await tracingApi.registerOccupant(c.occupants);
      feedback.success(t('tracing.registeredOne', { name: c.name }));
      load();
    } catch (err) {
      feedback.error(err);
    } finally {
      setRegistering(null);
    }
  };

  const decide = async (which: 'isolate' | 'accept' | 'reject') => {
    let isolate: DecisionsBody['isolate'];
    if (which === 'isolate') {
      const v = await options.validateFields().catch(() => null);
      if (!v) return;
      isolate = {
        kind: v.kind,
        siteId: v.kind === 'centralised' ? v.siteId : undefined,
        observerId: v.observerId ?? undefined,
        reason: 'close_contact',
      };
    }
    const body: DecisionsBody =
      which === 'reject'
        ? { reject: chosen.map((c) => ({ personId: c.personId! })) }
        : { accept: chosen.map(acceptOf), isolate };
    setBusy(which);
    try {
      const r = await tracingApi.decide(theCase.id, body);
      setIsolateOpen(false);
      setSelected([]);
      if (r.notIsolated.length) setResult(r);
      else
        feedback.success(
          t('tracing.decided', { accepted: r.accepted, rejected: r.rejected, isolated: r.isolated.length }),
        );
      load();
      onDecided();
    } catch (err) {
      feedback.error(err);
    } finally {
      setBusy(null);
    }
  };

  const skipReason = (code: string, message: string) =>
    locale === 'en' && code in ERROR_CATALOGUE ? ERROR_CATALOGUE[code as ErrorCode].en : message;
  const reasonTag = (r: Reason, i: number) => (
    <Tooltip key={`${r.type}-${r.sourceId}-${i}`} title={t(`tracing.source.${r.sourceType}`)}>
      <Tag
        color={
          r.type === 'household'
            ? 'magenta'
            : r.type === 'co_passenger'
              ? 'volcano'
              : r.type === 'same_vehicle'
                ? 'orange'
                : 'geekblue'
        }
        style={{ marginBottom: 4, whiteSpace: 'normal' }}
      >
        {t(`tracing.exposure.${r.type}`)}：{r.label}
      </Tag>
    </Tooltip>
  );
  const state = (c: Candidate) =>
    !c.personId ? (
      <Space size={4} wrap>
        <Tag color="warning">{t('tracing.notRegistered')}</Tag>
        <Button
          size="small"
          icon={<UserAddOutlined />}
          loading={registering === keyOf(c)}
          onClick={() => void register(c)}
          data-testid={`candidate-register-${c.name}`}
        >
          {t('tracing.registerOne')}
        </Button>
      </Space>
    ) : (
      <Space size={4} wrap>
        {c.decision ? (
          <Tag color={c.decision === 'accepted' ? 'green' : 'default'}>{t(`tracing.decision.${c.decision}`)}</Tag>
        ) : (
          <Tag color="gold">{t('tracing.undecided')}</Tag>
        )}
        {c.isolated && <Tag color="blue">{t('tracing.isolated')}</Tag>}
        {c.isCase && <Tag color="red">{t('tracing.isCase')}</Tag>}
      </Space>
    );

  // who observes each person when nobody is named (包保, village doctor, grid worker, else you), as the isolation form shows
  const observerHint = (
    <DefaultObserverHint
      personIds={chosen.flatMap((c) => (c.personId ? [c.personId] : []))}
      siteId={kind === 'centralised' ? siteId : undefined}
    />
  );
  const isolateForm = (
    <Form
      form={options}
      layout="vertical"
      initialValues={{ kind: 'home' }}
      style={{ width: mobile ? 260 : 320 }}
      data-testid="isolate-options"
    >
      <Form.Item name="kind" label={t('isolation.kind')}>
        <Radio.Group
          optionType="button"
          options={(['home', 'centralised'] as const).map((k) => ({ value: k, label: t(`isolation.kind.${k}`) }))}
        />
      </Form.Item>
      {kind === 'centralised' && (
        <Form.Item
          name="siteId"
          label={t('isolation.site')}
          rules={[{ required: true, message: t('tracing.required') }]}
        >
          <SiteSelect />
        </Form.Item>
      )}
      {can.pickObserver(me.role) ? (
        <Form.Item name="observerId" label={t('isolation.observer')} extra={observerId ? undefined : observerHint}>
          <ObserverSelect />
        </Form.Item>
      ) : (
        <Form.Item label={t('isolation.observer')}>{observerHint}</Form.Item>
      )}
      <Button
        type="primary"
        block
        loading={busy === 'isolate'}
        onClick={() => void decide('isolate')}
        data-testid="isolate-confirm"
      >
        {t('tracing.acceptIsolateN', { n: chosen.length })}
      </Button>
    </Form>
  );

  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t('tracing.daysBefore')}</span>
        <InputNumber
          min={1}
          max={30}
          value={days}
          onChange={(v) => v && setDays(v)}
          style={{ width: 72 }}
          data-testid="candidates-days"
        />
        <span>{t('tracing.hoursAround')}</span>
        <InputNumber min={0} max={24} value={hours} onChange={(v) => v !== null && setHours(v)} style={{ width: 72 }} />
        <Button icon={<ReloadOutlined />} onClick={load} loading={loading}>
          {t('common.refresh')}
        </Button>
      </Space>
      {data && data.outsideScope > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tracing.outsideScope', { n: data.outsideScope })}
          data-testid="candidates-outside"
        />
      )}
      {unregistered > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('tracing.unregisteredHint', { n: unregistered })}
          data-testid="candidates-unregistered"
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        <Popover
          trigger="click"
          open={isolateOpen && chosen.length > 0}
          onOpenChange={setIsolateOpen}
          title={t('tracing.isolateOptions')}
          content={isolateForm}
          placement="bottomLeft"
        >
          <Button
            type="primary"
            icon={<MedicineBoxOutlined />}
            disabled={!chosen.length}
            data-testid="candidates-isolate"
          >
            {t('tracing.acceptIsolate')}
            {chosen.length ? `（${chosen.length}）` : ''}
          </Button>
        </Popover>
        <Button
          icon={<CheckOutlined />}
          disabled={!chosen.length}
          loading={busy === 'accept'}
          onClick={() => void decide('accept')}
          data-testid="candidates-accept"
        >
          {t('tracing.acceptOnly')}
        </Button>
        <Button
          danger
          icon={<CloseOutlined />}
          disabled={!chosen.length}
          loading={busy === 'reject'}
          onClick={() => void decide('reject')}
          data-testid="candidates-reject"
        >
          {t('tracing.reject')}
        </Button>
        <Button icon={<UserAddOutlined />} onClick={() => setManual(true)} data-testid="contact-manual">
          {t('tracing.addManually')}
        </Button>
      </Space>
      <Table<Candidate>
        data-testid="candidates-table"
        rowKey={keyOf}
        size="small"
        loading={loading && !data}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={mobile ? undefined : { x: 960 }}
        locale={{ emptyText: t('tracing.noCandidates') }}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys as string[]),
          getCheckboxProps: (c) => ({ disabled: !c.personId }),
        }}
        onRow={(row) => ({ 'data-testid': `candidate-${row.name}` }) as HTMLAttributes<HTMLElement>}
        columns={
          mobile
            ? [
                {
                  title: t('tracing.person'),
                  key: 'm',
                  render: (_, c) => (
                    <div>
                      <Space size={6} wrap>
                        <strong>{c.name}</strong>
                        {state(c)}
                      </Space>
                      <div style={{ fontSize: 12, color: '#666' }}>
                        {[c.idNumber, c.phone, c.regionName].filter(Boolean).join(' · ')}
                      </div>
                      <div>{c.reasons.map(reasonTag)}</div>
                    </div>
                  ),
                },
              ]
            : [
                { title: t('tracing.person'), dataIndex: 'name', width: 100 },
                {
                  title: t('persons.idNumber'),
                  dataIndex: 'idNumber',
                  width: 180,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('persons.phone'), dataIndex: 'phone', width: 120, render: (v: string | null) => v ?? '—' },
                {
                  title: t('tracing.region'),
                  dataIndex: 'regionName',
                  width: 120,
                  render: (v: string | null) => v ?? '—',
                },
                { title: t('tracing.reasons'), dataIndex: 'reasons', render: (v: Reason[]) => v.map(reasonTag) },
                { title: t('tracing.state'), key: 'state', width: 200, render: (_, c) => state(c) },
              ]
        }
      />
      {manual && (
        <ManualContactModal
          caseId={theCase.id}
          casePersonId={theCase.personId}
          onClose={() => setManual(false)}
          onSaved={(r) => {
            setManual(false);
            if (r.notIsolated.length) setResult(r);
            load();
            onDecided();
          }}
        />
      )}
      {result && (
        <Modal
          open
          title={t('tracing.decidedTitle')}
          onCancel={() => setResult(null)}
          footer={
            <Button type="primary" onClick={() => setResult(null)}>
              {t('common.close')}
            </Button>
          }
        >
          <Typography.Paragraph>
            {t('tracing.decided', {
              accepted: result.accepted,
              rejected: result.rejected,
              isolated: result.isolated.length,
            })}
          </Typography.Paragraph>
          <List
            size="small"
            header={<Typography.Text strong>{t('tracing.notIsolatedList')}</Typography.Text>}
            dataSource={result.notIsolated}
            data-testid="not-isolated"
            renderItem={(s) => (
              <List.Item>
                {nameOf(s.personId)}：<Typography.Text type="warning">{skipReason(s.code, s.message)}</Typography.Text>
              </List.Item>
            )}
          />
        </Modal>
      )}
    </>
  );
}
