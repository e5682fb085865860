/** The app mark (same drawing as the installed icon), decorative next to the name. */
export function Logo({ size }: { size: number }) {
  return <img src="/icons/icon.svg" width={size} height={size} alt="" />;
}
