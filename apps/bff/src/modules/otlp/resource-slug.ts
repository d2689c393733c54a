const MAX_SLUG = 64;
/** Kept from an over-long name before its hash is appended, so distinct long names stay distinct. */
const KEEP_BEFORE_HASH = MAX_SLUG - 9;

/**
 * Makes a resource attribute (service name, instance id, host) a Watchfloor slug: lowercased, every
 * run of characters outside a-z 0-9 . _ - becomes one "-", leading separators dropped. Over 64
 * characters: the first 55, "-" and 8 hex digits of a hash of the whole value. Null when nothing
 * of a letter or digit is left (an empty or entirely non-ASCII value): there is no slug to give.
 */
export function toSlug(value: string): string | null {
  let slug = value
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+/, '');
  if (slug === '') return null;
  if (slug.length > MAX_SLUG)
    slug = `${slug.slice(0, KEEP_BEFORE_HASH).replace(/[-]+$/, '')}-${fnv1a(value)}`;
  return slug;
}

/** FNV-1a, 32 bits, as 8 hex digits: a short stable suffix, not a security measure. */
function fnv1a(value: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < value.length; i += 1) {
    hash ^= value.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
