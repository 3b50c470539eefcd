import { ArrowLeftOutlined, CheckOutlined, PrinterOutlined, UserAddOutlined } from '@ant-design/icons';
import { Button, Card, Checkbox, Collapse, Descriptions, List, Result, Segmented, Space, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import type { DispatchItem, DispatchSheet } from '../../../shared/dispatch';
import { DetailStatus } from '../../app/components/DetailStatus';
import { useFeedback } from '../../app/feedback';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { useDetail } from '../../app/useDetail';
import { useIsMobile } from '../../app/useIsMobile';
import { DispatchAgenda, groupLines, type GroupBy } from './DispatchAgenda';
import { AssignModal, DoneModal } from './DispatchModals';
import { DispatchProgress } from './DispatchesPage';
import { dispatchApi, KIND_COLORS } from './dispatchApi';
import './dispatch-print.css';

/**
 * One dispatch sheet as a meeting uses it: lines grouped by township or by kind (collapsible, with
 * counts), lines or whole groups picked and handed out or closed at once, and an A4 agenda to print.
 */
export default function DispatchSheetPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const feedback = useFeedback();
  const mobile = useIsMobile();
  const detail = useDetail(id, dispatchApi.sheet);
  const { data: sheet, setData: setSheet } = detail;
  const [groupBy, setGroupBy] = useState<GroupBy>('township');
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [assigning, setAssigning] = useState<DispatchItem[] | null>(null);
  const [completing, setCompleting] = useState<DispatchItem[] | null>(null);
  const [agenda, setAgenda] = useState(false);

  const replace = useCallback(
    (changed: DispatchItem[]) => {
      const byId = new Map(changed.map((i) => [i.id, i]));
      setSheet((s: DispatchSheet | null) => {
        if (!s) return s;
        const items = s.items.map((i) => byId.get(i.id) ?? i);
        return { ...s, items, done: items.filter((i) => i.status === 'done').length };
      });
      setSelected(new Set());
      setAssigning(null);
      setCompleting(null);
      feedback.success(t('common.saved'));
    },
    [setSheet, feedback, t],
  );
  const groups = useMemo(() => (sheet ? groupLines(sheet, groupBy, t) : []), [sheet, groupBy, t]);

  if (!sheet)
    return (
      <DetailStatus
        detail={detail}
        back={
          <Link to="/dispatch">
            <Button>{t('dispatch.back')}</Button>
          </Link>
        }
      />
    );
  if (agenda) return <DispatchAgenda sheet={sheet} groupBy={groupBy} onClose={() => setAgenda(false)} />;

  const toggle = (ids: string[], on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      for (const i of ids) on ? next.add(i) : next.delete(i);
      return next;
    });
  const picked = sheet.items.filter((i) => selected.has(i.id) && i.status === 'open');

  const line = (i: DispatchItem) => (
    <List.Item
      data-testid={`dispatch-item-${i.id}`}
      data-status={i.status}
      actions={
        i.status === 'open'
          ? [
              <Button
                key="assign"
                size="small"
                icon={<UserAddOutlined />}
                onClick={() => setAssigning([i])}
                data-testid={`dispatch-assign-${i.id}`}
              >
                {t('dispatch.assign')}
              </Button>,
              <Button
                key="done"
                size="small"
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => setCompleting([i])}
                data-testid={`dispatch-done-${i.id}`}
              >
                {t('dispatch.markDone')}
              </Button>,
            ]
          : []
      }
    >
      <Space align="start">
        {i.status === 'open' && (
          <Checkbox
            checked={selected.has(i.id)}
            onChange={(e) => toggle([i.id], e.target.checked)}
            data-testid={`dispatch-pick-${i.id}`}
          />
        )}
        <List.Item.Meta
          title={
            <Space size={6} wrap>
              {groupBy === 'township' && <Tag color={KIND_COLORS[i.kind]}>{t(`dispatch.kind.${i.kind}`)}</Tag>}
              <Typography.Text delete={i.status === 'done'}>{i.title}</Typography.Text>
            </Space>
          }
          description={
            <Space size={6} wrap>
              {i.status === 'done' ? (
                <Tag color="success">{t('dispatch.status.done')}</Tag>
              ) : i.overdue ? (
                <Tag color="error">{t('dispatch.overdue')}</Tag>
              ) : (
                <Tag>{t('dispatch.status.open')}</Tag>
              )}
              <span>
                {t('dispatch.assignee')}：{i.assigneeName ?? t('dispatch.unassigned')}
              </span>
              {i.dueAt && (
                <span>
                  {t('dispatch.dueAt')}：{formatTime(i.dueAt, locale)}
                </span>
              )}
              {i.doneAt && (
                <span>
                  {t('dispatch.doneAt')}：{formatTime(i.doneAt, locale)}
                </span>
              )}
              {i.doneNote && <span>{i.doneNote}</span>}
              {i.units && (
                <span data-testid={`dispatch-units-${i.id}`}>
                  {t('dispatch.units', { n: i.units.length })}：{i.units.map((u) => u.name).join('、')}
                </span>
              )}
            </Space>
          }
        />
      </Space>
    </List.Item>
  );

  return (
    <Card
      size={mobile ? 'small' : undefined}
      title={
        <Space>
          <Link to="/dispatch">
            <ArrowLeftOutlined />
          </Link>
          {`${sheet.day} ${t(`dispatch.slot.${sheet.slot}`)}`}
        </Space>
      }
      extra={<DispatchProgress sheet={sheet} />}
    >
      <Descriptions size="small" column={mobile ? 1 : 3} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('dispatch.region')}>
          {sheet.regionName ?? t('dispatch.allRegions')}
        </Descriptions.Item>
        <Descriptions.Item label={t('dispatch.since')}>{formatTime(sheet.since, locale)}</Descriptions.Item>
        <Descriptions.Item
          label={t('dispatch.drawnAt')}
        >{`${formatTime(sheet.drawnAt, locale)} · ${sheet.drawnByName ?? '—'}`}</Descriptions.Item>
      </Descriptions>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented<GroupBy>
          value={groupBy}
          onChange={setGroupBy}
          options={[
            { value: 'township', label: t('dispatch.byTownship') },
            { value: 'kind', label: t('dispatch.byKind') },
          ]}
          data-testid="dispatch-group-by"
        />
        <Button
          icon={<UserAddOutlined />}
          disabled={picked.length === 0}
          onClick={() => setAssigning(picked)}
          data-testid="dispatch-assign-picked"
        >
          {t('dispatch.assignPicked', { n: picked.length })}
        </Button>
        <Button
          icon={<CheckOutlined />}
          disabled={picked.length === 0}
          onClick={() => setCompleting(picked)}
          data-testid="dispatch-done-picked"
        >
          {t('dispatch.donePicked', { n: picked.length })}
        </Button>
        <Button icon={<PrinterOutlined />} onClick={() => setAgenda(true)} data-testid="dispatch-agenda">
          {t('dispatch.agenda')}
        </Button>
      </Space>
      {sheet.items.length === 0 && <Result status="success" title={t('dispatch.empty')} />}
      <Collapse
        key={groupBy}
        defaultActiveKey={groups.map((g) => g.key)}
        items={groups.map((g) => {
          const open = g.items.filter((i) => i.status === 'open').map((i) => i.id);
          const all = open.length > 0 && open.every((i) => selected.has(i));
          return {
            key: g.key,
            label: (
              <Space data-testid={`dispatch-group-head-${g.key}`}>
                {g.kind ? <Tag color={KIND_COLORS[g.kind]}>{g.label}</Tag> : <strong>{g.label}</strong>}
                <Typography.Text type="secondary">{`${g.items.length - open.length}/${g.items.length}`}</Typography.Text>
              </Space>
            ),
            extra: open.length > 0 && (
              // biome-ignore lint/a11y/noStaticElementInteractions: stops the click from folding the panel
              // biome-ignore lint/a11y/useKeyWithClickEvents: the checkbox inside takes the keyboard
              <span onClick={(e) => e.stopPropagation()}>
                <Checkbox
                  checked={all}
                  onChange={(e) => toggle(open, e.target.checked)}
                  data-testid={`dispatch-pick-group-${g.key}`}
                >
                  {t('dispatch.pickGroup')}
                </Checkbox>
              </span>
            ),
            children: (
              <div data-testid={`dispatch-group-${g.key}`}>
                <List<DispatchItem> size="small" dataSource={g.items} renderItem={line} />
              </div>
            ),
          };
        })}
      />
      {assigning && <AssignModal items={assigning} onClose={() => setAssigning(null)} onSaved={replace} />}
      {completing && <DoneModal items={completing} onClose={() => setCompleting(null)} onSaved={replace} />}
    </Card>
  );
}
