import type { z } from 'zod';
import type {
  CertificateInput,
  HoursDecision,
  HoursEntry,
  Recognition,
  ServiceCertificate,
  Task,
  TaskDetail,
  TaskInput,
  Totals,
} from '../../../shared/volunteer-tasks';
import { api } from '../../app/api';

export type TaskBody = z.input<typeof TaskInput>;

/** The volunteer tasks, hours and certificates endpoints. */
export const volunteerTasksApi = {
  create: (body: TaskBody) => api.post<Task>('/volunteer-tasks', body),
  task: (id: string) => api.get<TaskDetail>(`/volunteer-tasks/${id}`),
  start: (id: string) => api.post<Task>(`/volunteer-tasks/${id}/status`, { status: 'in_progress' }),
  cancel: (id: string, reason: string | null) =>
    api.post<Task>(`/volunteer-tasks/${id}/status`, { status: 'cancelled', reason }),
  done: (id: string, note: string) => api.post<Task>(`/volunteer-tasks/${id}/done`, { note }),
  photo: (id: string, file: File) =>
    api.upload<Task>(`/volunteer-tasks/${id}/photo`, file, file.type || 'application/octet-stream'),
  checkIn: (taskId: string, personId: string) =>
    api.post<HoursEntry>('/volunteer-hours/check-in', { taskId, personId }),
  checkOut: (hoursId: string) => api.post<HoursEntry>(`/volunteer-hours/${hoursId}/check-out`),
  decide: (hoursId: string, body: z.input<typeof HoursDecision>) =>
    api.post<HoursEntry>(`/volunteer-hours/${hoursId}/decision`, body),
  totals: (by: Totals['by'], from: string, to: string) => api.get<Totals>('/volunteer-hours/totals', { by, from, to }),
  recognition: () => api.get<Recognition[]>('/volunteer-hours/recognition'),
  issueCertificate: (body: z.input<typeof CertificateInput>) =>
    api.post<ServiceCertificate>('/volunteer-certificates', body),
  certificate: (id: string) => api.get<ServiceCertificate>(`/volunteer-certificates/${id}`),
};

/** "2 h 30 min" style, in the reader's language. */
export function hoursText(minutes: number, locale: string): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return locale === 'en' ? `${h} h ${m} min` : `${h}小时${m ? `${m}分` : ''}`;
}
