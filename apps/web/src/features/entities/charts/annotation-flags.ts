// The flags moved to lib/charts so the segment and fleet charts draw them the same way; this
// forwarding line keeps the entity chart's import working until it imports from there directly.
export { annotationFlags } from '../../../lib/charts/annotation-flags.ts';
