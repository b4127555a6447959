/** The `next` query parameter if it is a same-origin path (never another site), else the fallback. */
export function safeNext(value: string | null, fallback = '/'): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.startsWith('/login') || value.startsWith('/signup')) return fallback;
  return value;
}
