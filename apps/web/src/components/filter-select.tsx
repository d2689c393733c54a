interface Props<T extends string> {
  /** The chosen option; undefined while the filter is off. */
  value: T | undefined;
  options: readonly T[];
  /** Words of the first option, the one that turns the filter off ("any"). */
  anyLabel: string;
  /** Words of an option; the option itself unless told. */
  labelOf?: (option: T) => string;
  onChange: (value: T | undefined) => void;
}

/**
 * A select for one optional filter. The "any" option is the empty value, so the filter is either
 * one of `options` or absent, never an empty string in the URL or the request.
 */
export function FilterSelect<T extends string>({
  value,
  options,
  anyLabel,
  labelOf = String,
  onChange,
}: Props<T>) {
  return (
    <select
      value={value ?? ''}
      // The browser only offers the values rendered below, so a non-empty one is one of `options`.
      onChange={(e) => onChange((e.target.value || undefined) as T | undefined)}
    >
      <option value="">{anyLabel}</option>
      {options.map((option) => (
        <option key={option} value={option}>
          {labelOf(option)}
        </option>
      ))}
    </select>
  );
}
