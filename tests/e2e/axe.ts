/** axe-core over the page as it is now: WCAG 2 A/AA rules, violations listed by rule and element. */
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright';

/**
 * Each violation as one line: the rule, then the first elements and what axe says to fix. It waits for every
 * finite animation (a toast or dialog fading in) to end first: half-faded text fails contrast for a moment.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every(
        (animation) =>
          animation.effect?.getTiming().iterations === Infinity || animation.playState !== 'running',
      ),
  );
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  return result.violations.map((violation) => {
    const where = violation.nodes
      .slice(0, 3)
      .map((node) => `${node.target.join(' ')}: ${(node.failureSummary ?? '').replace(/\s+/g, ' ')}`);
    return `${violation.id} (${violation.nodes.length}): ${where.join(' | ')}`;
  });
}
