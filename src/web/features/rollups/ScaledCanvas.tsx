import { useEffect, useState, type ReactNode } from 'react';

/** The screen is laid out once, for a 1920×1080 wall display. */
const CANVAS = { width: 1920, height: 1080 };

const fittingScale = () => Math.min(window.innerWidth / CANVAS.width, window.innerHeight / CANVAS.height);

/**
 * A fixed 1920×1080 canvas scaled to fit the window, centred on a dark ground: the same layout on a
 * wall display, a 1366×768 laptop or a projector, with nothing reflowing between them.
 */
export function ScaledCanvas({ children }: { children: ReactNode }) {
  const [scale, setScale] = useState(fittingScale);
  useEffect(() => {
    const onResize = () => setScale(fittingScale());
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  return (
    <div className="qf-dash-viewport">
      <div
        className="qf-dash-canvas"
        style={{ width: CANVAS.width, height: CANVAS.height, transform: `translate(-50%, -50%) scale(${scale})` }}
        data-testid="dashboard"
      >
        {children}
      </div>
    </div>
  );
}
