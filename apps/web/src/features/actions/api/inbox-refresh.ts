/**
 * How often the header's inbox count is read again. An action waits up to 30 minutes, so 15 s is
 * prompt enough for an approver and light on the BFF; every decision also invalidates it at once.
 * On its own, without imports, so the e2e journey can wait exactly one refresh.
 */
export const INBOX_REFRESH_MS = 15_000;
