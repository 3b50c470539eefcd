import { useRef } from 'react';

/**
 * A signature pad: a canvas drawn on with a finger or a pen (pointer events), exported as PNG (a data
 * URL, which the server decodes and checks from its bytes). Shared by the public 请战书 page and the
 * cadre's 代签/现场签署 form, so both send the same image.
 */
export function useSignaturePad({ onChange }: { onChange: (dataUrl: string | null) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const inked = useRef(false);

  const point = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * c.width, y: ((e.clientY - r.top) / r.height) * c.height };
  };
  const down = (e: React.PointerEvent<HTMLCanvasElement>) => {
    const ctx = canvas.current!.getContext('2d')!;
    const p = point(e);
    drawing.current = true;
    canvas.current!.setPointerCapture(e.pointerId);
    ctx.lineWidth = 4;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.strokeStyle = '#1a1a3c';
    ctx.beginPath();
    ctx.moveTo(p.x, p.y);
  };
  const move = (e: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const ctx = canvas.current!.getContext('2d')!;
    const p = point(e);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    inked.current = true;
  };
  const up = () => {
    if (!drawing.current) return;
    drawing.current = false;
    onChange(inked.current ? canvas.current!.toDataURL('image/png') : null);
  };
  const clear = () => {
    const c = canvas.current!;
    c.getContext('2d')!.clearRect(0, 0, c.width, c.height);
    inked.current = false;
    onChange(null);
  };
  return { canvas, down, move, up, clear };
}

/** The pad's canvas, 600 × 220 drawn at the width of its container, on a white ground. */
export function SignatureCanvas({ pad, testId }: { pad: ReturnType<typeof useSignaturePad>; testId: string }) {
  return (
    <canvas
      ref={pad.canvas}
      width={600}
      height={220}
      style={{ width: '100%', border: '1px dashed #999', borderRadius: 6, touchAction: 'none', background: '#fff' }}
      onPointerDown={pad.down}
      onPointerMove={pad.move}
      onPointerUp={pad.up}
      onPointerCancel={pad.up}
      data-testid={testId}
    />
  );
}
