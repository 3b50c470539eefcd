import { serve } from '../../server/main';

export async function serveCommand(): Promise<void> {
  await serve();
}
