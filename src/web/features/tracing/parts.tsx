import { Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { EpisodeStatus } from '../../../shared/isolation';
import type { Person } from '../../../shared/residents';
import type { Case } from '../../../shared/tracing';
import { RemoteSelect } from '../../app/components/RemoteSelect';
import { useI18n } from '../../app/i18n';
import { CLASSIFICATION_COLORS, OUTCOME_COLORS } from './tracingApi';

export function ClassificationTag({ value }: { value: Case['classification'] }) {
  const { t } = useI18n();
  return (
    <Tag color={CLASSIFICATION_COLORS[value]} data-testid="case-classification">
      {t(`tracing.classification.${value}`)}
    </Tag>
  );
}

export function OutcomeTag({ value }: { value: Case['outcome'] }) {
  const { t } = useI18n();
  return <Tag color={OUTCOME_COLORS[value]}>{t(`tracing.outcome.${value}`)}</Tag>;
}

const EPISODE_COLORS: Record<EpisodeStatus, string> = {
  active: 'blue',
  completed: 'green',
  hospital: 'red',
  lost: 'orange',
  ended_early: 'default',
};

/** A person's isolation now, as a tag linking to the episode; "未隔离" in orange when none. */
export function IsolationStatus({
  isolation,
}: {
  isolation: { episodeId: string; status: string; kind: string } | null;
}) {
  const { t } = useI18n();
  if (!isolation) return <Tag color="orange">{t('tracing.notIsolated')}</Tag>;
  const status = isolation.status as EpisodeStatus;
  return (
    <Link to={`/isolation/episodes/${isolation.episodeId}`} data-testid="isolation-link">
      <Tag color={EPISODE_COLORS[status] ?? 'default'} style={{ cursor: 'pointer' }}>
        {t(`isolation.kind.${isolation.kind as 'home'}`)} · {t(`isolation.status.${status}`)}
      </Tag>
    </Link>
  );
}

/** Pick one registered person by searching GET /api/persons?q= (name, pinyin, ID or phone suffix). */
export function PersonPicker({
  id,
  value,
  onChange,
  testId = 'person-picker',
}: {
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
  testId?: string;
}) {
  const { t } = useI18n();
  return (
    <RemoteSelect<Person>
      path="/persons"
      toOption={(p) => ({
        value: p.id,
        label: `${p.name}（${[p.idNumber ?? p.phone, p.address ?? p.regionName].filter(Boolean).join(' · ')}）`,
      })}
      emptyText={t('tracing.noPersons')}
      id={id}
      value={value}
      onChange={onChange}
      allowClear
      placeholder={t('tracing.personPlaceholder')}
      popupMatchSelectWidth={false}
      data-testid={testId}
    />
  );
}
