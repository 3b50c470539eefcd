import { Select, type SelectProps } from 'antd';
import type { Query } from '../api';
import { useRemoteSearch } from '../useRemoteSearch';

interface RemoteOption {
  value: string;
  label: string;
}

export type RemoteSelectProps<T, V extends string | string[]> = Omit<
  SelectProps<V>,
  'options' | 'showSearch' | 'loading' | 'filterOption' | 'notFoundContent'
> & {
  /** The cursor-paginated list endpoint searched with `?q=`, e.g. '/persons'. */
  path: string;
  /** Fixed filters sent with every search, e.g. `{ role: 'observer' }`. */
  query?: Query;
  /** The option of one found item; null leaves the item out (an inactive account). */
  toOption: (item: T) => RemoteOption | null;
  /** The label of a chosen value the current search did not return (a prefilled value, an earlier pick). */
  labelOf?: (value: string) => string | null | undefined;
  /** Called on each change with the found items now chosen, so the caller can remember their names. */
  onPick?: (items: T[]) => void;
  /** Shown when a finished search found nothing. */
  emptyText?: string;
};

/**
 * An antd Select whose options come from searching a list endpoint as the user types (debounced,
 * first page): people, households, accounts, cases. Chosen values keep a readable label.
 */
export function RemoteSelect<T, V extends string | string[] = string>({
  path,
  query,
  toOption,
  labelOf,
  onPick,
  emptyText,
  onChange,
  ...select
}: RemoteSelectProps<T, V>) {
  const { items, loading, setQ } = useRemoteSearch<T>(path, query);
  const found = items.flatMap((item) => {
    const option = toOption(item);
    return option ? [{ item, option }] : [];
  });
  const options = found.map((f) => f.option);
  const chosen =
    select.value === undefined || select.value === null
      ? []
      : Array.isArray(select.value)
        ? select.value
        : [select.value as string];
  for (const value of chosen)
    if (!options.some((o) => o.value === value)) options.unshift({ value, label: labelOf?.(value) ?? value });

  return (
    <Select<V>
      {...select}
      showSearch={{ filterOption: false, onSearch: setQ }}
      loading={loading}
      options={options}
      notFoundContent={emptyText === undefined ? undefined : loading ? null : emptyText}
      onChange={(next, option) => {
        if (onPick) {
          const picked = new Set(Array.isArray(next) ? next : [next]);
          onPick(found.filter((f) => picked.has(f.option.value)).map((f) => f.item));
        }
        onChange?.(next, option);
      }}
    />
  );
}
