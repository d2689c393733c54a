import { Link } from 'react-router';
import { paths } from '../../../lib/paths.ts';
import { useActionInbox } from '../api/get-action-inbox.ts';
import { formatExpiresIn } from './expires-in.ts';

const LINK_STYLE = { color: '#f8fafc', marginRight: '1rem' } as const;
const COUNT_STYLE = {
  display: 'inline-block',
  minWidth: '1.5em',
  padding: '0 0.4em',
  borderRadius: '999px',
  background: '#f8fafc',
  color: '#111827',
  fontWeight: 700,
  textAlign: 'center',
} as const;

/** In words, so the count never depends on seeing the badge. */
export function describeInbox(count: number, nextExpiresInMs: number | null): string {
  if (count === 0) return 'Nothing awaits your decision';
  const what = `${count} action${count === 1 ? '' : 's'} await${count === 1 ? 's' : ''} your decision`;
  const soonest = formatExpiresIn(nextExpiresInMs);
  return soonest ? `${what}; the first ${soonest}` : what;
}

/**
 * The header's inbox: how many proposed actions wait for this user's decision, polled and read
 * again after every decision. Shown only to users who may decide; the BFF still decides.
 */
export function InboxLink() {
  const inbox = useActionInbox();
  const data = inbox.data?.data;
  const label = data ? describeInbox(data.count, data.nextExpiresInMs) : 'Inbox (loading)';
  return (
    <Link
      to={paths.approvals()}
      className="app__nav-link inbox-link"
      style={LINK_STYLE}
      aria-label={`Inbox: ${label}`}
      title={label}
      data-testid="inbox-link"
    >
      Inbox{' '}
      <span style={COUNT_STYLE} data-testid="inbox-count" data-count={data?.count ?? ''}>
        {data ? data.count : '…'}
      </span>
    </Link>
  );
}
