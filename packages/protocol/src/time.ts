/**
 * Reads a ChatKit timestamp. The Python SDK writes `created_at` without an offset
 * (`2025-01-02T03:04:05`, from a naive UTC datetime); JavaScript would read that as
 * local time, so a timestamp without `Z` or `±hh:mm` is read as UTC here. Returns
 * null for text that is not a date.
 */
export function parseTimestamp(value: string): Date | null {
  const naive = /T\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(value);
  const date = new Date(naive ? `${value}Z` : value);
  return Number.isNaN(date.getTime()) ? null : date;
}
