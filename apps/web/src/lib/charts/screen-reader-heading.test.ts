import { describe, expect, it } from 'vitest';
import { withScreenReaderHeading } from './screen-reader-heading.ts';

describe('the heading a chart gives screen readers', () => {
  it('is an h3 named after the chart, under its panel’s h2', () => {
    const options = withScreenReaderHeading(
      { accessibility: { description: 'Requests.' } },
      'Requests',
    );
    expect(options.accessibility?.screenReaderSection?.beforeChartFormat).toMatch(
      /^<h3>Requests<\/h3><div>\{typeDescription\}<\/div>/,
    );
    expect(options.accessibility?.description).toBe('Requests.');
  });

  it('shows a name with markup or format braces as the text it is', () => {
    const format = withScreenReaderHeading({}, 'Errors <5xx> of {checkout-eu}').accessibility
      ?.screenReaderSection?.beforeChartFormat;
    expect(format).toContain('<h3>Errors &lt;5xx&gt; of &#123;checkout-eu&#125;</h3>');
  });
});
