/** The quit confirmation's words, for one and for several transfers. */
import { describe, expect, it } from 'vitest';
import { quitQuestion, versionLine } from '../../src-renderer/src/desktop/desktop-labels';

describe('quitQuestion', () => {
  it('names the count of transfers a quit would cancel', () => {
    expect(quitQuestion(2).title).toBe('2 transfers are running. Quit and cancel them?');
    expect(quitQuestion(1).title).toBe('1 transfer is running. Quit and cancel it?');
    expect(quitQuestion(1).detail).toContain('the transfer again');
  });

  it('shows the version as "Version x.y.z"', () => {
    expect(versionLine('0.1.0')).toBe('Version 0.1.0');
  });
});
