import { Tabs } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { SupplyItem } from '../../../shared/supplies';
import { useFeedback } from '../../app/feedback';
import { useI18n } from '../../app/i18n';
import { CatalogueTab } from './CatalogueTab';
import CoverAlertsCard from './CoverAlertsCard';
import { DonationsTab } from './DonationsTab';
import { LedgerTab } from './LedgerTab';
import { StockTab } from './StockTab';
import { suppliesApi } from './suppliesApi';
import { WarehousesTab } from './WarehousesTab';

const TABS = ['donations', 'stock', 'ledger', 'warehouses', 'catalogue'] as const;
type Tab = (typeof TABS)[number];

/**
 * 物资与捐赠, the supplies desk's page in the order of its day: donations in (register, receive,
 * certificate), stock with stocktakes, the ledger with corrections, warehouses, the catalogue. The
 * tab is in the address (?tab=) so a reload or a shared link opens the same one.
 */
export default function SuppliesPage() {
  const { t } = useI18n();
  const feedback = useFeedback();
  const [params, setParams] = useSearchParams();
  const tab: Tab = TABS.includes(params.get('tab') as Tab) ? (params.get('tab') as Tab) : 'donations';
  const [items, setItems] = useState<SupplyItem[]>([]);
  const loadItems = useCallback(() => {
    suppliesApi.items().then(setItems).catch(feedback.error);
  }, [feedback]);
  useEffect(loadItems, [loadItems]);

  return (
    <>
      <CoverAlertsCard />
      <Tabs
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'donations', label: t('desk.tab.donations'), children: <DonationsTab items={items} /> },
          { key: 'stock', label: t('desk.tab.stock'), children: <StockTab /> },
          { key: 'ledger', label: t('desk.tab.ledger'), children: <LedgerTab /> },
          { key: 'warehouses', label: t('desk.tab.warehouses'), children: <WarehousesTab /> },
          {
            key: 'catalogue',
            label: t('desk.tab.catalogue'),
            children: <CatalogueTab items={items} onAdded={loadItems} />,
          },
        ].map((i) => ({ ...i, label: <span data-testid={`supplies-tab-${i.key}`}>{i.label}</span> }))}
      />
    </>
  );
}
