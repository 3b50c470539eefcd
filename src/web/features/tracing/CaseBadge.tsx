import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { Case } from '../../../shared/tracing';
import { useI18n } from '../../app/i18n';
import { tracingApi } from './tracingApi';

/**
 * The cases of a few persons (a household's members, one person on their drawer): one
 * GET /api/persons/:id/case each. A failure leaves the person without a badge.
 */
export function usePersonCases(personIds: string[]): Map<string, Case> {
  const [cases, setCases] = useState<Map<string, Case>>(new Map());
  const key = personIds.join(',');
  useEffect(() => {
    let cancelled = false;
    const ids = key ? key.split(',') : [];
    Promise.all(ids.map((id) => tracingApi.caseOfPerson(id).catch(() => null))).then((found) => {
      if (cancelled) return;
      setCases(new Map(found.filter((c): c is Case => c !== null).map((c) => [c.personId, c])));
    });
    return () => {
      cancelled = true;
    };
  }, [key]);
  return cases;
}

/** A red tag "确诊病例" (or the case's classification) linking to the case page. */
export function CaseBadge({ value }: { value: Case | undefined }) {
  const { t } = useI18n();
  if (!value) return null;
  return (
    <Link to={`/cases/${value.id}`} onClick={(e) => e.stopPropagation()} data-testid={`case-badge-${value.personId}`}>
      <Tag color={value.classification === 'excluded' ? 'default' : 'red'} style={{ cursor: 'pointer' }}>
        {t(`tracing.classification.${value.classification}`)}
      </Tag>
    </Link>
  );
}
