/** Brook's mark: a stream in a rounded square. */
export function BrookMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden focusable="false">
      <rect width="32" height="32" rx="8" fill="#ffffff" fillOpacity="0.16" />
      <path d="M6 20c4-6 8 2 12-4s6-2 8-4" stroke="#ffffff" strokeWidth="3" fill="none" strokeLinecap="round" />
      <path d="M6 25c4-4 8 1 12-2s6-1 8-3" stroke="#ffffff" strokeOpacity="0.6" strokeWidth="2" fill="none" strokeLinecap="round" />
    </svg>
  );
}
