import { Button, Space } from 'antd';
import type { DispatchItem, DispatchItemKind, DispatchSheet } from '../../../shared/dispatch';
import { formatShortTime, formatTime } from '../../app/format';
import { type Translate, useI18n } from '../../app/i18n';
import { KIND_ORDER } from './dispatchApi';

export type GroupBy = 'township' | 'kind';

export interface LineGroup {
  key: string;
  label: string;
  /** set when grouped by kind */
  kind?: DispatchItemKind;
  items: DispatchItem[];
}

/**
 * A sheet's lines in groups: by township/street (the sheet names its townships; a line above any
 * township falls in "county level"), lines of a group in kind order — or by kind.
 */
export function groupLines(sheet: DispatchSheet, by: GroupBy, t: Translate): LineGroup[] {
  const rank = (i: DispatchItem) => KIND_ORDER.indexOf(i.kind);
  if (by === 'kind')
    return KIND_ORDER.map((kind) => ({
      key: kind,
      label: t(`dispatch.kind.${kind}`),
      kind,
      items: sheet.items.filter((i) => i.kind === kind),
    })).filter((g) => g.items.length > 0);
  const groups = new Map<string, LineGroup>();
  for (const i of [...sheet.items].sort((a, b) => rank(a) - rank(b))) {
    const township = sheet.townships.find((tw) => i.regionPath.startsWith(tw.path));
    const key = township?.id ?? 'county';
    const g = groups.get(key) ?? { key, label: township?.name ?? t('dispatch.countyLevel'), items: [] };
    g.items.push(i);
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => (a.key === 'county' ? -1 : b.key === 'county' ? 1 : 0));
}

/** The sheet as an A4 agenda: title, time, groups with numbered lines, assignee and due, a signature line. */
export function DispatchAgenda({
  sheet,
  groupBy,
  onClose,
}: {
  sheet: DispatchSheet;
  groupBy: GroupBy;
  onClose: () => void;
}) {
  const { t, locale } = useI18n();
  const groups = groupLines(sheet, groupBy, t);
  let n = 0;
  return (
    <div>
      <Space className="qf-noprint" style={{ marginBottom: 12 }}>
        <Button onClick={onClose} data-testid="dispatch-agenda-close">
          {t('dispatch.agendaBack')}
        </Button>
        <Button type="primary" onClick={() => window.print()} data-testid="dispatch-agenda-print">
          {t('dispatch.print')}
        </Button>
      </Space>
      <div className="qf-dispatch-agenda" data-testid="dispatch-agenda-sheet">
        <h1>{`${sheet.regionName ?? t('dispatch.allRegions')} ${sheet.day} ${t(`dispatch.slot.${sheet.slot}`)}${t('dispatch.agendaTitle')}`}</h1>
        <p className="meta">
          {`${t('dispatch.drawnAt')}：${formatTime(sheet.drawnAt, locale)}　${t('dispatch.progress')}：${sheet.done}/${sheet.total}`}
        </p>
        {groups.map((g) => (
          <section key={g.key} data-testid={`agenda-group-${g.key}`}>
            <h2>{`${g.label}（${g.items.length}）`}</h2>
            <table>
              <tbody>
                {g.items.map((i) => {
                  n += 1;
                  return (
                    <tr key={i.id}>
                      <td className="no">{n}</td>
                      <td>
                        {i.title}
                        {i.units && <div className="units">{i.units.map((u) => u.name).join('、')}</div>}
                      </td>
                      <td className="who">{i.assigneeName ?? '＿＿＿＿'}</td>
                      <td className="due">
                        {i.status === 'done'
                          ? t('dispatch.status.done')
                          : i.dueAt
                            ? formatShortTime(i.dueAt, locale)
                            : '＿＿＿＿'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        ))}
        <p className="sign">{t('dispatch.signature')}</p>
      </div>
    </div>
  );
}
