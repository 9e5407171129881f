/**
 * Publishes an element's height as a CSS variable on the root, so that other layers can keep clear of it
 * (dialogs and alerts stay above the toasts: modal.css, overlays.css).
 */
import { useCallback, useEffect, useRef } from 'react';

/** A ref callback for the element whose height `variable` (e.g. "--toasts-height") should follow. */
export function usePublishedHeight<T extends HTMLElement>(variable: string): (element: T | null) => void {
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(
    () => () => {
      observer.current?.disconnect();
      document.documentElement.style.removeProperty(variable);
    },
    [variable],
  );
  return useCallback(
    (element: T | null) => {
      observer.current?.disconnect();
      observer.current = null;
      const root = document.documentElement;
      if (!element) {
        root.style.removeProperty(variable);
        return;
      }
      // Set in the observer, not through React state: the layers move in the same frame as the element grows.
      const publish = (): void =>
        root.style.setProperty(variable, `${element.getBoundingClientRect().height}px`);
      publish();
      observer.current = new ResizeObserver(publish);
      observer.current.observe(element);
    },
    [variable],
  );
}
