// Debian packages the tests need. Installed when running as root (CI); otherwise the one command is printed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDED = [
  { pkg: 'chromium', file: '/usr/bin/chromium', why: 'end-to-end tests in a real browser' },
  {
    pkg: 'prometheus',
    file: '/usr/bin/promtool',
    why: 'checking the /metrics format with promtool',
  },
  // The alerting proof runs a real Prometheus evaluating a rule and Alertmanager delivering it.
  { pkg: 'prometheus', file: '/usr/bin/prometheus', why: 'the Prometheus alert-rule proof' },
  {
    pkg: 'prometheus-alertmanager',
    file: '/usr/bin/prometheus-alertmanager',
    why: 'the Alertmanager webhook proof',
  },
  // The fault proofs stop and restart a database server of their own.
  {
    pkg: 'mariadb-server',
    file: ['/usr/sbin/mariadbd', '/usr/sbin/mysqld'],
    why: 'database restart proofs',
  },
];
const present = (file) =>
  Array.isArray(file) ? file.some((f) => existsSync(f)) : existsSync(file);

export function ensureSystemPackages() {
  const missing = NEEDED.filter((n) => !present(n.file));
  if (missing.length === 0) return;
  const names = missing.map((m) => m.pkg).join(' ');
  if (process.getuid?.() !== 0) {
    console.error(
      `Missing Debian packages for ${missing.map((m) => m.why).join(' and ')}. Install them with:\n  sudo apt-get install -y ${names}`,
    );
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${names}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const result = spawnSync(
    'apt-get',
    ['install', '-y', '-qq', '--no-install-recommends', ...missing.map((m) => m.pkg)],
    { stdio: 'inherit', env },
  );
  if (result.status !== 0 || missing.some((m) => !present(m.file))) {
    console.error(`Installing ${names} failed. Run:\n  apt-get install -y ${names}`);
    process.exit(1);
  }
}
