import { HomeOutlined, PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Empty, Input, Spin, Tag, Typography, type InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState, type Ref } from 'react';
import type { Household } from '../../../shared/residents';
import type { GapHousehold, Round } from '../../../shared/screening';
import { api, type Page } from '../../app/api';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { statusIn, type HouseholdStatus } from './useFieldRound';

const STATUS_COLORS: Record<HouseholdStatus, string> = {
  visited: 'green',
  never: 'red',
  not_home: 'orange',
  outside: 'default',
  unknown: 'default',
};

/** A hit as the list shows it: a searched household, or a gap when nothing is typed. */
interface Hit {
  id: string;
  title: string;
  subtitle: string;
  status: HouseholdStatus;
}

interface Props {
  round: Round;
  gaps: Map<string, GapHousehold> | null;
  inputRef: Ref<InputRef>;
  onSelect: (householdId: string) => void;
  onAddHousehold: () => void;
}

/**
 * 楼栋/房号/户主姓名: the search a grid worker types at the door. Hits are big rows marked visited or
 * not in this round; with nothing typed the households still to visit are listed. Enter opens the
 * first hit (searching at once if the typing has not been searched yet).
 */
export function FieldSearch({ round, gaps, inputRef, onSelect, onAddHousehold }: Props) {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [typed, setTyped] = useState('');
  const [result, setResult] = useState<{ q: string; items: Household[] } | null>(null);
  const [loading, setLoading] = useState(false);
  const request = useRef(0);

  const search = useCallback(
    async (q: string): Promise<Household[]> => {
      const id = ++request.current;
      setLoading(true);
      try {
        const page = await api.get<Page<Household>>('/households', { q, limit: 20 });
        if (id === request.current) setResult({ q, items: page.items });
        return page.items;
      } catch (err) {
        if (id === request.current) feedback.error(err);
        return [];
      } finally {
        if (id === request.current) setLoading(false);
      }
    },
    [feedback],
  );

  useEffect(() => {
    const q = typed.trim();
    if (!q) {
      request.current++;
      setResult(null);
      setLoading(false);
      return;
    }
    const timer = setTimeout(() => void search(q), 250);
    return () => clearTimeout(timer);
  }, [typed, search]);

  const q = typed.trim();
  const hits: Hit[] = q
    ? (result?.q === q ? result.items : []).map((h) => ({
        id: h.id,
        title: h.address,
        subtitle: [h.headName, t('field.members', { n: h.memberCount })].filter(Boolean).join(' · '),
        status: statusIn(round, gaps, h),
      }))
    : [...(gaps?.values() ?? [])]
        .sort((a, b) =>
          a.status === b.status ? a.address.localeCompare(b.address, 'zh-CN') : a.status === 'never' ? -1 : 1,
        )
        .slice(0, 30)
        .map((g) => ({ id: g.householdId, title: g.address, subtitle: g.headName ?? '', status: g.status }));

  const onEnter = async () => {
    if (!q) return hits[0] && onSelect(hits[0].id);
    const items = result?.q === q && !loading ? result.items : await search(q);
    if (items[0]) onSelect(items[0].id);
  };

  return (
    <div>
      <Input
        ref={inputRef}
        data-testid="field-search"
        size="large"
        autoFocus
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('field.search')}
        aria-label={t('field.search')}
        enterKeyHint="search"
        autoComplete="off"
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void onEnter();
          }
        }}
        style={{ height: 52, fontSize: 18 }}
      />
      <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', margin: '12px 0 6px' }}>
        <Typography.Text type="secondary">{q ? t('field.hits') : t('field.todo')}</Typography.Text>
        <Button size="small" icon={<PlusOutlined />} onClick={onAddHousehold} data-testid="field-add-household">
          {t('field.addHousehold')}
        </Button>
      </div>
      {loading && !hits.length && <Spin style={{ display: 'block', margin: 24 }} />}
      {!loading && !hits.length && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={q ? t('field.noHits') : t('screening.gapsEmpty')} />
      )}
      <ul data-testid="field-results" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {hits.map((hit) => (
          <li key={hit.id}>
            <button
              type="button"
              data-testid={`field-household-${hit.id}`}
              data-status={hit.status}
              onClick={() => onSelect(hit.id)}
              style={{
                display: 'flex',
                alignItems: 'center',
                gap: 12,
                width: '100%',
                minHeight: 60,
                padding: '10px 12px',
                marginBottom: 8,
                background: '#fff',
                border: '1px solid #e8e8e8',
                borderInlineStart: `4px solid ${hit.status === 'visited' ? '#52c41a' : hit.status === 'never' ? '#cf1322' : hit.status === 'not_home' ? '#fa8c16' : '#d9d9d9'}`,
                borderRadius: 8,
                textAlign: 'left',
                cursor: 'pointer',
                font: 'inherit',
              }}
            >
              <HomeOutlined style={{ fontSize: 20, color: '#8c8c8c' }} />
              <span style={{ flex: 1, minWidth: 0 }}>
                <span
                  style={{
                    display: 'block',
                    fontSize: 16,
                    fontWeight: 600,
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                  }}
                >
                  {hit.title}
                </span>
                {hit.subtitle && (
                  <span style={{ display: 'block', color: '#8c8c8c', fontSize: 13 }}>{hit.subtitle}</span>
                )}
              </span>
              {hit.status !== 'unknown' && (
                <Tag color={STATUS_COLORS[hit.status]} style={{ marginInlineEnd: 0 }}>
                  {t(`field.status.${hit.status}`)}
                </Tag>
              )}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
