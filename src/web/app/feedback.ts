import { App, type FormInstance } from 'antd';
import { useCallback, useMemo } from 'react';
import type { ErrorCode } from '../../shared/errors';
import { ApiError } from './api';
import { useI18n } from './i18n';

/** Which form field a domain error belongs to, e.g. { USERNAME_TAKEN: 'username' }. */
export type ErrorFieldMap = Partial<Record<ErrorCode, string>>;

/**
 * Toasts for success and failure. An ApiError shows the server's message (already localised);
 * anything else shows a generic line.
 */
export function useFeedback() {
  const { message } = App.useApp();
  const { t } = useI18n();

  const error = useCallback(
    (err: unknown) => {
      if (err instanceof ApiError) message.error(err.message);
      else {
        console.error(err);
        message.error(t('common.unknownError'));
      }
    },
    [message, t],
  );

  /**
   * Put a failed submit's problems onto the form: VALIDATION issues by their path, domain errors
   * by `fieldOf`; whatever cannot be placed is shown as a toast.
   */
  const formError = useCallback(
    (form: FormInstance, err: unknown, fieldOf: ErrorFieldMap = {}) => {
      if (!(err instanceof ApiError)) return error(err);
      const known = new Set(form.getFieldsError().map((f) => f.name.join('.')));
      const byField = new Map<string, string[]>();
      const leftover: string[] = [];
      if (err.code === 'VALIDATION') {
        for (const issue of err.issues) {
          const path = issue.path.map(String).filter((p) => p !== 'body' && p !== 'query');
          const candidates = [path.join('.'), path[path.length - 1] ?? '', path[0] ?? ''];
          const field = candidates.find((c) => c && known.has(c));
          if (field) byField.set(field, [...(byField.get(field) ?? []), issue.message]);
          else leftover.push(path.length ? `${path.join('.')}: ${issue.message}` : issue.message);
        }
      } else {
        const field = fieldOf[err.code as ErrorCode];
        if (field && known.has(field)) byField.set(field, [err.message]);
      }
      if (byField.size) {
        form.setFields([...byField].map(([name, errors]) => ({ name: name.split('.'), errors })));
        const first = [...byField.keys()][0];
        if (first) form.scrollToField(first.split('.'), { block: 'center' });
      }
      if (!byField.size || leftover.length) {
        message.error(leftover.length ? `${err.message}：${leftover.join('；')}` : err.message);
      }
    },
    [error, message],
  );

  const success = useCallback((text: string) => message.success(text), [message]);

  return useMemo(() => ({ error, formError, success }), [error, formError, success]);
}

/**
 * The form's values, or null when a field is invalid (antd has already marked it). Keeps a failed
 * validation from surfacing as an unhandled rejection in submit handlers.
 */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
