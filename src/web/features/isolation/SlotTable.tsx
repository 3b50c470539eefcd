import { Button, Table, Tooltip } from 'antd';
import type { Slot } from '../../../shared/isolation';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';
import { isFever, slotWindow } from './isolationApi';

interface Props {
  slots: Slot[];
  slotsPerDay: number;
  startDay: string;
  /** Offer 填报 on pending slots (roles that follow up, episode active). */
  onFill?: (slot: Slot) => void;
}

/**
 * The follow-ups of an observation, one row a day (第 N 天) and one column a window: filled with the
 * temperature (red from 37.3 ℃ or when seen unwell), missed in red, pending greyed until due.
 */
export function SlotTable({ slots, slotsPerDay, startDay, onFill }: Props) {
  const { t, locale } = useI18n();
  const days = [...new Set(slots.map((s) => s.day))].sort();
  const rows = days.map((day) => ({ day, slots: slots.filter((s) => s.day === day) }));
  const now = Date.now();
  const dayNo = (day: string) =>
    Math.round((Date.parse(`${day}T00:00:00Z`) - Date.parse(`${startDay}T00:00:00Z`)) / 86_400_000) + 1;

  const cell = (slot: Slot | undefined) => {
    if (!slot) return <span style={{ color: '#ccc' }}>—</span>;
    const window = <div style={{ fontSize: 11, color: '#999' }}>{slotWindow(slot)}</div>;
    if (slot.status === 'filled') {
      const red =
        isFever(slot.temperature) ||
        slot.condition === 'unwell' ||
        slot.condition === 'refused' ||
        slot.condition === 'not_seen';
      return (
        <Tooltip
          title={`${formatTime(slot.filledAt, locale)} · ${t(`isolation.via.${slot.via ?? 'observer'}`)}${slot.symptoms.length ? ' · ' + slot.symptoms.map((s) => t(`symptom.${s as 'cough'}`)).join('、') : ''}`}
        >
          <div
            data-testid={`slot-${slot.id}`}
            data-status="filled"
            style={{ color: red ? '#cf1322' : '#389e0d', fontWeight: red ? 700 : 500 }}
          >
            {slot.temperature !== null
              ? `${slot.temperature.toFixed(1)}℃`
              : t(`isolation.condition.${slot.condition ?? 'well'}`)}
            {slot.temperature !== null &&
              slot.condition === 'unwell' &&
              slot.symptoms.length > 0 &&
              ` · ${t('isolation.condition.unwell')}`}
            {window}
          </div>
        </Tooltip>
      );
    }
    if (slot.status === 'missed') {
      return (
        <div data-testid={`slot-${slot.id}`} data-status="missed" style={{ color: '#cf1322', fontWeight: 700 }}>
          {t('isolation.slotStatus.missed')}
          {window}
        </div>
      );
    }
    if (slot.status === 'cancelled') {
      return (
        <div data-testid={`slot-${slot.id}`} data-status="cancelled" style={{ color: '#bbb' }}>
          {t('isolation.slotStatus.cancelled')}
          {window}
        </div>
      );
    }
    // pending: fillable from an hour before its window (the server's rule) until it is missed
    const open = now >= Date.parse(slot.dueFrom) - 3_600_000;
    return (
      <div data-testid={`slot-${slot.id}`} data-status="pending" style={{ color: open ? '#1f5fbf' : '#999' }}>
        {onFill && open ? (
          <Button size="small" type="primary" ghost onClick={() => onFill(slot)} data-testid={`slot-fill-${slot.id}`}>
            {t('isolation.fill')}
          </Button>
        ) : (
          t('isolation.slotStatus.pending')
        )}
        {window}
      </div>
    );
  };

  return (
    <Table
      data-testid="slot-table"
      size="small"
      rowKey="day"
      pagination={false}
      dataSource={rows}
      scroll={{ x: 120 + slotsPerDay * 110 }}
      locale={{ emptyText: t('isolation.noSlots') }}
      columns={[
        {
          title: t('isolation.day'),
          dataIndex: 'day',
          width: 120,
          render: (day: string) => (
            <span>
              {t('isolation.dayN', { n: dayNo(day) })}
              <div style={{ fontSize: 12, color: '#888' }}>{day}</div>
            </span>
          ),
        },
        ...Array.from({ length: slotsPerDay }, (_, i) => ({
          title: t('isolation.slotN', { n: i + 1 }),
          key: `slot${i + 1}`,
          width: 110,
          render: (_: unknown, row: { slots: Slot[] }) => cell(row.slots.find((s) => s.seq === i + 1)),
        })),
      ]}
    />
  );
}
