import { Table, type TableProps } from 'antd';
import type { Paged } from '../usePaged';
import { LoadMore } from './LoadMore';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination'> & {
  /** The list from usePaged: its rows so far, whether a page is loading, and how to load the next. */
  list: Paged<T>;
};

/**
 * A table of a cursor-paginated list: the rows loaded so far (page size is the list's `limit`),
 * a spinner while the first page loads, and "加载更多" under it until the last page.
 */
export function PagedTable<T extends object>({ list, ...table }: Props<T>) {
  return (
    <>
      <Table<T> {...table} dataSource={list.items} loading={list.loading && !list.items.length} pagination={false} />
      <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
    </>
  );
}
