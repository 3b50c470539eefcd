import { CarOutlined } from '@ant-design/icons';
import { Input, Typography, type InputRef } from 'antd';
import { useCallback, useEffect, useRef, useState, type Ref } from 'react';
import { normalisePlate, PLATE_PATTERN } from '../../../shared/checkpoints';
import { useI18n } from '../../app/i18n';
import { checkpointApi } from './checkpointApi';

interface Props {
  siteId: string;
  value: string;
  onChange: (plate: string) => void;
  /** A plate chosen: typed in full, or the first suggestion taken with Enter/Tab. */
  onAccept: (plate: string) => void;
  /** Space (never part of a plate) flips 进/出. */
  onFlipDirection: () => void;
  disabled: boolean;
  error: string | null;
  inputRef: Ref<InputRef>;
}

/**
 * 车牌: typed in capitals, with the plates seen at this site in the last week as suggestions.
 * Enter or Tab takes the typed plate when it is a whole plate, else the first suggestion (searching
 * at once if the typing has not been searched yet).
 */
export function PlateInput({ siteId, value, onChange, onAccept, onFlipDirection, disabled, error, inputRef }: Props) {
  const { t } = useI18n();
  const [result, setResult] = useState<{ prefix: string; plates: string[] } | null>(null);
  const request = useRef(0);

  const search = useCallback(
    async (prefix: string): Promise<string[]> => {
      const id = ++request.current;
      try {
        const plates = (await checkpointApi.plates(siteId, prefix)).map((p) => p.plate);
        if (id === request.current) setResult({ prefix, plates });
        return plates;
      } catch {
        return [];
      }
    },
    [siteId],
  );

  useEffect(() => {
    if (!value) {
      request.current++;
      setResult(null);
      return;
    }
    const timer = setTimeout(() => void search(value), 120);
    return () => clearTimeout(timer);
  }, [value, search]);

  const suggestions = result?.prefix === value ? result.plates.filter((p) => p !== value) : [];

  const accept = async () => {
    if (PLATE_PATTERN.test(value)) return onAccept(value);
    const plates = result?.prefix === value ? result.plates : await search(value);
    onAccept(plates[0] ?? value);
  };

  return (
    <div style={{ flex: 1, minWidth: 0 }}>
      <Input
        ref={inputRef}
        data-testid="entry-plate"
        size="large"
        autoFocus
        disabled={disabled}
        prefix={<CarOutlined />}
        placeholder={t('entry.plate')}
        aria-label={t('entry.plate')}
        autoComplete="off"
        autoCapitalize="characters"
        enterKeyHint="next"
        status={error ? 'error' : undefined}
        value={value}
        onChange={(e) => onChange(normalisePlate(e.target.value))}
        onKeyDown={(e) => {
          if (e.key === ' ') {
            e.preventDefault();
            onFlipDirection();
          } else if ((e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey)) && value) {
            e.preventDefault();
            void accept();
          }
        }}
        style={{ height: 52 }}
        styles={{ input: { fontSize: 22, fontWeight: 600, letterSpacing: 1 } }}
      />
      {error && (
        <Typography.Text type="danger" style={{ fontSize: 12 }}>
          {error}
        </Typography.Text>
      )}
      {suggestions.length > 0 && (
        <div
          role="listbox"
          aria-label={t('entry.recentPlates')}
          style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginTop: 6 }}
        >
          {suggestions.slice(0, 6).map((plate, i) => (
            <button
              key={plate}
              type="button"
              role="option"
              aria-selected={i === 0}
              tabIndex={-1}
              data-testid={`entry-plate-option-${plate}`}
              onClick={() => onAccept(plate)}
              style={{
                font: 'inherit',
                fontSize: 16,
                fontWeight: 600,
                padding: '6px 10px',
                borderRadius: 6,
                cursor: 'pointer',
                border: `1px solid ${i === 0 ? '#9f1d1d' : '#d9d9d9'}`,
                background: i === 0 ? '#fff1f0' : '#fff',
              }}
            >
              {plate}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
