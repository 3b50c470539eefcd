import { App } from 'antd';
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router-dom';
import type { Alert } from '../../../shared/screening';
import { api, type Page } from '../../app/api';
import { useMe } from '../../app/auth';
import { useI18n, type Translate } from '../../app/i18n';
import { can } from '../../app/permissions';

interface AlertsValue {
  /** Open (unacknowledged) alerts; `more` when there are more than were counted. */
  openCount: number;
  more: boolean;
  /** Bumped on each live alert, so a list on screen can reload. */
  generation: number;
  /** Re-count after acknowledging. */
  recount: () => void;
}

const AlertsContext = createContext<AlertsValue | null>(null);
const KINDS = ['fever', 'key_person', 'refer', 'missed_follow_up', 'zero_report_late', 'case'] as const;

/** 发热 / 重点人员 / 转诊发热门诊, or "新预警" for a kind this UI does not know yet. */
export function alertKindLabel(t: Translate, kind: string): string {
  return (KINDS as readonly string[]).includes(kind)
    ? t(`alerts.kind.${kind as (typeof KINDS)[number]}`)
    : t('alerts.new');
}
const COUNT_LIMIT = 99;

/**
 * Alerts for the roles that watch them (command centre, admin, township): the open count from
 * GET /api/alerts?open=true, then the live stream GET /api/alerts/stream (Server-Sent Events,
 * `event: alert`), each new alert popping a notification at once. EventSource reconnects by itself
 * and resumes after the last event id it saw.
 */
export function AlertsProvider({ children }: { children: ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const enabled = can.readAlerts(me.role);
  const [openCount, setOpenCount] = useState(0);
  const [more, setMore] = useState(false);
  const [generation, setGeneration] = useState(0);
  const tRef = useRef(t);
  tRef.current = t;

  const recount = useCallback(() => {
    if (!enabled) return;
    api
      .get<Page<Alert>>('/alerts', { open: 'true', limit: COUNT_LIMIT })
      .then((page) => {
        setOpenCount(page.items.length);
        setMore(page.nextCursor !== null);
      })
      .catch(() => undefined);
  }, [enabled]);

  useEffect(recount, [recount]);

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/alerts/stream');
    source.addEventListener('alert', (event) => {
      let alert: Alert;
      try {
        alert = JSON.parse((event as MessageEvent<string>).data) as Alert;
      } catch {
        return;
      }
      setOpenCount((n) => n + 1);
      setGeneration((g) => g + 1);
      notification.warning({
        key: alert.id,
        title: alertKindLabel(tRef.current, alert.kind),
        description: <span data-testid="alert-notification">{alert.message}</span>,
        placement: 'bottomRight',
        duration: 10,
        onClick: () => navigate('/alerts'),
      });
    });
    return () => source.close();
  }, [enabled, notification, navigate]);

  const value = useMemo(() => ({ openCount, more, generation, recount }), [openCount, more, generation, recount]);
  return <AlertsContext.Provider value={value}>{children}</AlertsContext.Provider>;
}

export function useAlerts(): AlertsValue {
  const value = useContext(AlertsContext);
  if (!value) throw new Error('useAlerts outside AlertsProvider');
  return value;
}
