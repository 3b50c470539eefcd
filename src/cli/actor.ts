import os from 'node:os';
import type { Actor } from '../server/access/actor';

/**
 * Whoever runs the CLI on the server machine acts with global jurisdiction; the audit log records
 * them as "cli:<os user>" so their changes are still attributable.
 */
export function cliActor(): Actor {
  return {
    id: '00000000-0000-7000-8000-000000000000',
    username: `cli:${os.userInfo().username}`,
    displayName: 'CLI',
    role: 'admin',
    regionId: null,
    regionPath: '/',
    locale: 'zh-CN',
    ip: null,
    userAgent: 'qunfang-cli',
  };
}
