/** Where the context menu opens: at the pointer, flipped left or up at the window's edges, never outside it. */
import { describe, expect, it } from 'vitest';
import { placeMenu } from '../../src-renderer/src/context-menu/ContextMenu';

const viewport = { width: 1280, height: 800 };

describe('placeMenu', () => {
  it('opens at the pointer when the menu fits', () => {
    expect(placeMenu(300, 200, 200, 180, viewport)).toEqual({ left: 300, top: 200 });
  });

  it('flips to the left of the pointer at the right edge, and above it at the bottom edge', () => {
    expect(placeMenu(1200, 200, 200, 180, viewport)).toEqual({ left: 1000, top: 200 });
    expect(placeMenu(300, 700, 200, 180, viewport)).toEqual({ left: 300, top: 520 });
    expect(placeMenu(1200, 700, 200, 180, viewport)).toEqual({ left: 1000, top: 520 });
  });

  it('stays inside a window too small to flip into', () => {
    const small = { width: 300, height: 200 };
    expect(placeMenu(100, 100, 250, 180, small)).toEqual({ left: 46, top: 16 });
    expect(placeMenu(0, 0, 400, 300, small)).toEqual({ left: 4, top: 4 });
  });
});
