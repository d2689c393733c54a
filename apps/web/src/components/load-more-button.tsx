/** The part of an infinite query the button drives. */
interface NextPage {
  fetchNextPage: () => Promise<unknown>;
  isFetchingNextPage: boolean;
}

/**
 * Loads the next page of a keyset-paged list. While that page loads, the button says so and
 * cannot be pressed again, so one click never asks for the same page twice.
 */
export function LoadMoreButton({ pages, label }: { pages: NextPage; label: string }) {
  return (
    <button
      type="button"
      className="button"
      onClick={() => void pages.fetchNextPage()}
      disabled={pages.isFetchingNextPage}
    >
      {pages.isFetchingNextPage ? 'Loading…' : label}
    </button>
  );
}
