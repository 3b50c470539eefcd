import { isFever } from './isolationApi';

/** A temperature in ℃, red and bold from 37.3 (a fever); a dash when none was taken. */
export function Temperature({ value }: { value: number | null | undefined }) {
  if (value === null || value === undefined) return <span style={{ color: '#999' }}>—</span>;
  const fever = isFever(value);
  return (
    <span
      style={{
        color: fever ? '#cf1322' : undefined,
        fontWeight: fever ? 700 : undefined,
        fontVariantNumeric: 'tabular-nums',
      }}
    >
      {value.toFixed(1)}℃
    </span>
  );
}
