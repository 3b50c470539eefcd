import type { ApiErrorBody, ErrorCode } from '../../shared/errors';
import type { Locale } from '../../shared/enums';

/** A page of a cursor-paginated list: `nextCursor` is null on the last page. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** One field problem of a VALIDATION error. */
export interface ValidationIssue {
  path: (string | number)[];
  message: string;
}

/** Client-side codes for failures that never reached the API's error handler. */
export type ClientErrorCode = 'NETWORK' | 'BAD_RESPONSE';

/**
 * An error from the API, carrying the stable code from the shared catalogue and the server's
 * message, which is already in the UI language (we send Accept-Language).
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | ClientErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** The per-field issues of a VALIDATION error, if any. */
  get issues(): ValidationIssue[] {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
  }
}

export type Query = Record<string, string | number | boolean | null | undefined>;

let currentLocale: Locale = 'zh-CN';
let onUnauthenticated: (() => void) | null = null;

export function setApiLocale(locale: Locale): void {
  currentLocale = locale;
}

/** Called once by the auth provider: any 401 outside login sends the user back to the login page. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

let reauthenticate: (() => Promise<boolean>) | null = null;
let pendingReauth: Promise<boolean> | null = null;

/**
 * Set by the auth provider while a user is logged in: when the session lapses mid-work (the 12-hour
 * end, an admin's reset), the user logs in again in place (true) or gives up (false). The request
 * that met the lapse is then sent again as it was, so a filled form is not lost.
 */
export function setReauthenticateHandler(handler: (() => Promise<boolean>) | null): void {
  reauthenticate = handler;
}

/** One re-login for every request that met the lapse at the same time. */
function reauthOnce(): Promise<boolean> {
  if (!reauthenticate) return Promise.resolve(false);
  pendingReauth ??= reauthenticate().finally(() => {
    pendingReauth = null;
  });
  return pendingReauth;
}

function urlOf(path: string, query?: Query): string {
  const url = `/api${path}`;
  if (!query) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${url}?${qs}` : url;
}

const NETWORK_MESSAGE: Record<Locale, string> = {
  'zh-CN': '无法连接服务器，请检查网络后重试',
  en: 'Cannot reach the server; check the network and try again',
  'zh-TW': '無法連接伺服器，請檢查網路後重試',
};

async function send(
  method: string,
  path: string,
  init: { query?: Query; body?: BodyInit; type?: string } = {},
  retried = false,
): Promise<Response> {
  const headers: Record<string, string> = { 'Accept-Language': currentLocale, Accept: 'application/json' };
  if (init.type) headers['Content-Type'] = init.type;
  let response: Response;
  try {
    response = await fetch(urlOf(path, init.query), { method, headers, body: init.body, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, 'NETWORK', NETWORK_MESSAGE[currentLocale]);
  }
  if (response.ok) return response;

  let body: Partial<ApiErrorBody> | null = null;
  try {
    body = (await response.json()) as Partial<ApiErrorBody>;
  } catch {
    body = null;
  }
  const error = body?.error
    ? new ApiError(response.status, body.error.code, body.error.message, body.error.details)
    : new ApiError(response.status, 'BAD_RESPONSE', `HTTP ${response.status} ${response.statusText}`);
  // A lapsed session (UNAUTHENTICATED, not a wrong password) anywhere but the auth calls themselves
  // means: log in again — in place, then this request is sent once more; or, given up, at the login page.
  if (response.status === 401 && error.code === 'UNAUTHENTICATED' && !path.startsWith('/auth/me')) {
    if (!retried && !path.startsWith('/auth/') && (await reauthOnce())) return send(method, path, init, true);
    onUnauthenticated?.();
  }
  throw error;
}

async function json<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The JSON API under /api. Every call rejects with ApiError. */
export const api = {
  get: async <T>(path: string, query?: Query) => json<T>(await send('GET', path, { query })),
  post: async <T>(path: string, body?: unknown) =>
    json<T>(
      await send('POST', path, body === undefined ? {} : { body: JSON.stringify(body), type: 'application/json' }),
    ),
  put: async <T>(path: string, body: unknown) =>
    json<T>(await send('PUT', path, { body: JSON.stringify(body), type: 'application/json' })),
  patch: async <T>(path: string, body: unknown) =>
    json<T>(await send('PATCH', path, { body: JSON.stringify(body), type: 'application/json' })),
  delete: async <T = void>(path: string) => json<T>(await send('DELETE', path)),
  /** POST a raw file as the request body (the import endpoints take the .xlsx bytes as they are). */
  upload: async <T>(path: string, file: Blob, type: string) => json<T>(await send('POST', path, { body: file, type })),
  /** GET a file and hand it to the browser as a download. */
  download: async (path: string, fallbackName: string, query?: Query) => {
    const response = await send('GET', path, { query });
    const blob = await response.blob();
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
    const plain = /filename="?([^";]+)"?/i.exec(disposition)?.[1];
    const name = star ? decodeURIComponent(star) : (plain ?? fallbackName);
    const href = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = href;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(href), 10_000);
  },
};

/**
 * POST a file as the raw request body with XMLHttpRequest, whose upload events report progress
 * (fetch cannot). `onProgress` gets 0–1. Rejects with ApiError like every other call.
 */
export function uploadWithProgress<T>(
  path: string,
  query: Query,
  file: Blob,
  type: string,
  onProgress: (fraction: number) => void,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', urlOf(path, query));
    xhr.setRequestHeader('Accept-Language', currentLocale);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('Content-Type', type);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_MESSAGE[currentLocale]));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        body = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(1);
        resolve(body as T);
        return;
      }
      const error = (body as Partial<ApiErrorBody> | null)?.error;
      if (xhr.status === 401 && error?.code === 'UNAUTHENTICATED') onUnauthenticated?.();
      reject(
        error
          ? new ApiError(xhr.status, error.code, error.message, error.details)
          : new ApiError(xhr.status, 'BAD_RESPONSE', `HTTP ${xhr.status}`),
      );
    };
    xhr.send(file);
  });
}

/** Fetch every page of a list (for small lists such as one node's children). */
export async function fetchAll<T>(path: string, query: Query, maxPages = 20): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await api.get<Page<T>>(path, { ...query, cursor: cursor ?? undefined });
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  return items;
}
