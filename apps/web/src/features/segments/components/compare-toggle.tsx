import { useEffect, useState } from 'react';

/**
 * "Compare with previous period". The URL is the truth, but a router navigation settles a moment
 * after the click, so the box shows the operator's choice at once and then follows the URL.
 */
export function CompareToggle({
  compare,
  onChange,
}: {
  compare: boolean;
  onChange: (compare: boolean) => void;
}) {
  const [checked, setChecked] = useState(compare);
  useEffect(() => setChecked(compare), [compare]);
  return (
    <label className="toggle">
      <input
        type="checkbox"
        checked={checked}
        onChange={(event) => {
          setChecked(event.target.checked);
          onChange(event.target.checked);
        }}
      />{' '}
      Compare with previous period
    </label>
  );
}
