type Navigate = (href: string) => void;

let navigate: Navigate | null = null;

/** The app registers its router here once it exists, for code outside React (chart callbacks). */
export function setAppNavigator(next: Navigate | null): void {
  navigate = next;
}

/** Changes page inside the app; before the app has a router (tests, other pages) it loads the URL. */
export function navigateInApp(href: string): void {
  if (navigate) navigate(href);
  else window.location.assign(href);
}
