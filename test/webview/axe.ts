/**
 * axe-core, the accessibility engine, run inside a chat page: `auditPage` loads axe into the page
 * and returns the violations of impact serious or critical, each as one line a failing test can
 * print (rule, impact, the elements, what is wrong).
 */

import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** The impacts a test fails on: axe's two highest. */
const failingImpacts: ReadonlySet<string> = new Set(['serious', 'critical']);

export interface AxeViolation {
  rule: string;
  impact: string;
  /** The CSS selectors of the elements that fail, each with axe's summary of why. */
  nodes: Array<{ target: string; summary: string }>;
}

let axeSource: string | undefined;

function readAxe(): string {
  axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  return axeSource;
}

/**
 * The page's serious and critical violations, for the document as it is now. axe is evaluated as
 * a source text through playwright (DevTools' evaluate), which the page's CSP does not govern: a
 * script tag would need the page's nonce.
 */
export async function auditPage(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.evaluate(readAxe());
  }
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }).axe;
    interface AxeResults {
      violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>;
    }
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((violation) => ({
      rule: violation.id,
      impact: violation.impact ?? 'none',
      nodes: violation.nodes.map((node) => ({ target: node.target.map(String).join(' › '), summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
    }));
  });
  return violations.filter((violation) => failingImpacts.has(violation.impact));
}

/** One line per violation and element: `rule (impact) target: summary`. */
export function describeViolations(violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((violation) => violation.nodes.map((node) => `${violation.rule} (${violation.impact}) ${node.target}: ${node.summary}`));
}
