/** A canvas that fills its box, drawn at the device pixel ratio and again whenever the box or the picture changes. */
import { useEffect, useRef } from 'react';
import { useElementSize } from '../../hooks/use-element-size';
import { prepareCanvas } from './draw-graph';
import { backingSize, type PlotBox } from './graph-scale';

interface PlotCanvasProps {
  /** Paints the picture in CSS pixels; a new function (a new picture) repaints. */
  paint(context: CanvasRenderingContext2D, box: PlotBox, canvas: HTMLCanvasElement): void;
  className: string;
  /** The canvas's accessible summary; without one it is hidden from assistive technology. */
  label?: string;
  testId?: string;
}

export function PlotCanvas({ paint, className, label, testId }: PlotCanvasProps) {
  const [boxRef, size] = useElementSize<HTMLDivElement>();
  const canvas = useRef<HTMLCanvasElement | null>(null);
  useEffect(() => {
    const element = canvas.current;
    if (!element || size.width <= 0 || size.height <= 0) return;
    // Read at every paint: a window moved to a screen of another density repaints sharp with its next update.
    const backing = backingSize(size, window.devicePixelRatio);
    const context = prepareCanvas(element, size, backing);
    if (context) paint(context, size, element);
  }, [paint, size]);
  return (
    <div ref={boxRef} className={className}>
      <canvas
        ref={canvas}
        data-testid={testId}
        {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
      />
    </div>
  );
}
