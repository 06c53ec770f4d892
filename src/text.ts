/**
 * A record's text field as the app reads it: a non-blank string, trimmed; anything else (a number, an
 * object, blank) is no text. What users map into a field is read by `text()` in read-input.ts instead,
 * which also takes numbers.
 */
export const textOf = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() ? value.trim() : undefined;
