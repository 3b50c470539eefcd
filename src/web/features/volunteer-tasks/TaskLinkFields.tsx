import { Form, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import type { Site } from '../../../shared/checkpoints';
import type { Gathering } from '../../../shared/gatherings';
import type { Necessity } from '../../../shared/isolation';
import type { TaskKind } from '../../../shared/volunteer-tasks';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { formatTime } from '../../app/format';
import { useI18n } from '../../app/i18n';

/** A shift as GET /api/checkpoints/roster lists it (only what the picker shows). */
interface RosterShift {
  id: string;
  siteName: string;
  startsAt: string;
  endsAt: string;
  people: unknown[];
}

/**
 * What a task serves, picked from the user's own jurisdiction: 劝阻聚集 → a planned gathering,
 * 代购代送 → an isolated household's open necessity request, 卡口值守 → a checkpoint and one of its
 * shifts in the task's window. Other kinds link nothing.
 */
export function TaskLinkFields({ kind, form }: { kind: TaskKind; form: FormInstance }) {
  const { t, locale } = useI18n();
  const siteId = Form.useWatch('siteId', form) as string | undefined;
  const window = Form.useWatch('window', form) as [Dayjs, Dayjs] | undefined;
  if (kind === 'dissuade_gathering')
    return (
      <Form.Item name="gatheringId" label={t('vtasks.link.gathering')}>
        <RemoteSelect<Gathering>
          path="/gatherings"
          query={{ status: 'planned' }}
          allowClear
          popupMatchSelectWidth={false}
          placeholder={t('vtasks.link.gatheringPlaceholder')}
          toOption={(g) => ({
            value: g.id,
            label: `${g.date} ${g.hostName} · ${t(`gatherings.occasion.${g.occasion}`)} · ${g.regionName ?? ''}`,
          })}
          data-testid="vtask-gathering"
        />
      </Form.Item>
    );
  if (kind === 'errands')
    return (
      <Form.Item name="necessityId" label={t('vtasks.link.necessity')}>
        <RemoteSelect<Necessity>
          path="/isolation/necessities"
          query={{ status: 'open' }}
          allowClear
          popupMatchSelectWidth={false}
          placeholder={t('vtasks.link.necessityPlaceholder')}
          toOption={(n) => ({
            value: n.id,
            label: `${n.personName ?? ''} · ${t(`isolation.necessity.kind.${n.kind}`)}${n.detail ? `（${n.detail}）` : ''} · ${n.address ?? ''}`,
          })}
          data-testid="vtask-necessity"
        />
      </Form.Item>
    );
  if (kind === 'checkpoint_duty')
    return (
      <>
        <Form.Item name="siteId" label={t('vtasks.link.site')}>
          <RemoteSelect<Site>
            path="/checkpoints/sites"
            query={{ status: 'active' }}
            allowClear
            placeholder={t('vtasks.link.sitePlaceholder')}
            toOption={(s) => ({ value: s.id, label: s.name })}
            onChange={() => form.setFieldValue('shiftId', undefined)}
            data-testid="vtask-site"
          />
        </Form.Item>
        {siteId && (
          <Form.Item name="shiftId" label={t('vtasks.link.shift')} extra={t('vtasks.link.shiftHint')}>
            <RemoteSelect<RosterShift>
              path="/checkpoints/roster"
              query={{
                siteId,
                ...(window ? { from: window[0].toISOString(), to: window[1].toISOString() } : {}),
              }}
              allowClear
              emptyText={t('vtasks.link.noShift')}
              toOption={(s) => ({
                value: s.id,
                label: `${formatTime(s.startsAt, locale)} – ${formatTime(s.endsAt, locale)} · ${t('vtasks.link.onShift', { n: s.people.length })}`,
              })}
              data-testid="vtask-shift"
            />
          </Form.Item>
        )}
      </>
    );
  return null;
}
