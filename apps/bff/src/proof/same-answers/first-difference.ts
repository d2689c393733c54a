/** Where two answers first differ, with a little context from each; null when they are equal. */
export function firstDifference(a: string, b: string): string | null {
  if (a === b) return null;
  let at = 0;
  while (at < a.length && at < b.length && a[at] === b[at]) at += 1;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, at - 40), at + 60));
  return `at byte ${at}: here ${around(a)}, there ${around(b)}`;
}
