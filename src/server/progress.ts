import cliProgress from 'cli-progress';

/** A progress bar for long CLI work on a terminal; plain periodic lines when output is not a TTY. */
export function progressBar(label: string) {
  if (!process.stderr.isTTY) {
    let lastShown = 0;
    return {
      update: (done: number, total: number, step?: string) => {
        const now = Date.now();
        if (now - lastShown > 2000 || done === total) {
          lastShown = now;
          process.stderr.write(`${label}: ${step ? step + ' ' : ''}${done}/${total}\n`);
        }
      },
      stop: () => {},
    };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {percentage}% {value}/{total} {step}`, hideCursor: true, stream: process.stderr },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (done: number, total: number, step = '') => {
      if (!started) {
        bar.start(total, done, { step });
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done, { step });
      }
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}
