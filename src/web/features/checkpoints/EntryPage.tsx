import { CheckCircleFilled } from '@ant-design/icons';
import { Alert, Card, Empty, Select, Spin, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { Site } from '../../../shared/checkpoints';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { checkpointApi, type Figures } from './checkpointApi';
import { EntryForm, type EntryDone } from './EntryForm';

const STORAGE_KEY = 'qf_checkpoint_site';

function storedSite(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/**
 * 卡口登记: the crew's page at the barrier, for a phone at night and the keyboard. The site is
 * chosen once on this device (the only one in reach is taken by itself); then one vehicle after
 * another, each ending in a confirmation and today's figures for the site.
 */
export default function EntryPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [sites, setSites] = useState<Site[] | null>(null);
  const [siteId, setSiteId] = useState<string | null>(storedSite);
  const [done, setDone] = useState<EntryDone | null>(null);
  const [figures, setFigures] = useState<Figures | null>(null);
  const [formKey, setFormKey] = useState(0);

  useEffect(() => {
    checkpointApi
      .sites({ status: 'active' })
      .then(setSites)
      .catch((err: unknown) => {
        feedback.error(err);
        setSites([]);
      });
  }, [feedback]);

  const site = sites?.find((s) => s.id === siteId) ?? (sites?.length === 1 ? sites[0] : undefined);

  const loadFigures = useCallback(() => {
    if (!site) return;
    checkpointApi
      .figures({ by: 'site' }) // the server's day is the county's
      .then((r) => setFigures(r.items.find((f) => f.siteId === site.id) ?? null))
      .catch(() => setFigures(null));
  }, [site]);

  useEffect(loadFigures, [loadFigures]);

  const choose = (id: string) => {
    try {
      localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // private mode: the choice lasts for this page only
    }
    setSiteId(id);
    setDone(null);
    setFormKey((k) => k + 1);
  };

  if (sites === null) return <Spin style={{ display: 'block', margin: '64px auto' }} />;
  if (!sites.length)
    return (
      <Card>
        <Empty description={t('entry.noSites')} />
      </Card>
    );

  return (
    <div style={{ maxWidth: 640, margin: '0 auto' }}>
      <Card size="small" style={{ marginBottom: 8 }}>
        <Select
          data-testid="entry-site"
          value={site?.id}
          onChange={choose}
          placeholder={t('entry.chooseSite')}
          aria-label={t('entry.chooseSite')}
          autoFocus={!site}
          showSearch={{ optionFilterProp: 'label' }}
          options={sites.map((s) => ({ value: s.id, label: `${s.name}（${s.regionName ?? ''}）` }))}
          style={{ width: '100%' }}
        />
        {figures && (
          <Typography.Text type="secondary" data-testid="entry-figures" style={{ display: 'block', marginTop: 6 }}>
            {t('entry.today', { vehicles: figures.vehicles, people: figures.people })}
            {' · '}
            <span
              style={{ color: figures.fevers ? '#cf1322' : undefined, fontWeight: figures.fevers ? 700 : undefined }}
            >
              {t('entry.todayFevers', { n: figures.fevers })}
            </span>
          </Typography.Text>
        )}
      </Card>
      {done && (
        <Alert
          data-testid="entry-done"
          type={done.fevers || done.decision !== 'pass' ? 'warning' : 'success'}
          showIcon
          icon={<CheckCircleFilled />}
          closable={{ onClose: () => setDone(null) }}
          title={t('entry.done', {
            plate: done.plate ?? t('entry.walk'),
            n: done.people,
            decision: t(`decision.${done.decision}`),
          })}
          description={done.fevers ? t('entry.doneFevers', { n: done.fevers }) : undefined}
          style={{ marginBottom: 8 }}
        />
      )}
      {site ? (
        <Card size="small">
          <EntryForm
            key={`${site.id}-${formKey}`}
            site={site}
            onDone={(result) => {
              setDone(result);
              setFormKey((k) => k + 1);
              loadFigures();
            }}
          />
        </Card>
      ) : (
        <Card size="small">
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('entry.chooseSite')} />
        </Card>
      )}
    </div>
  );
}
