/** A size for people: "512 bytes", "34 KB", "1.2 MB", "2.05 GB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1024) return bytes === 1 ? '1 byte' : `${Math.round(bytes)} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 100 || unit === 0 ? 0 : value >= 10 ? 1 : 2;
  return `${Number(value.toFixed(digits))} ${units[unit]}`;
}

/** A download's whole percentage, never 100 before the end. */
export function percent(received: number, total: number): number {
  if (total <= 0) return 0;
  return Math.min(received >= total ? 100 : 99, Math.floor((received / total) * 100));
}
